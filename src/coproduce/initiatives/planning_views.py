"""Pages for correcting and removing a row of a planning tool (a stakeholder, or an
activity in the priority matrix), with the change kept in the initiative's history."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coproduce.core.forms import add_service_errors
from coproduce.core.http import AuthedRequest
from coproduce.core.tenancy import organisation_for_request
from coproduce.initiatives import queries, services
from coproduce.initiatives.forms import PriorityForm, StakeholderForm
from coproduce.initiatives.models import Initiative, Priority, Stakeholder

# The tools whose rows can be corrected: the word in the address, the model and its form.
TOOLS: dict[str, tuple[type[Stakeholder] | type[Priority], Any]] = {
    "stakeholders": (Stakeholder, StakeholderForm),
    "priorities": (Priority, PriorityForm),
}


def _row(
    request: AuthedRequest, org_slug: str, pk: int, tool: str, row_pk: int
) -> tuple[Initiative, Stakeholder | Priority, Any]:
    if tool not in TOOLS:
        raise Http404
    organisation = organisation_for_request(request, org_slug, "initiatives.change_initiative")
    initiative = queries.initiative_in(organisation=organisation, pk=pk)
    model, form_class = TOOLS[tool]
    row = model.objects.filter(initiative=initiative, organisation=organisation, pk=row_pk).first()
    if row is None:
        raise Http404
    return initiative, row, form_class


@login_required
def planning_row_edit(
    request: AuthedRequest, org_slug: str, pk: int, tool: str, row_pk: int
) -> HttpResponse:
    initiative, row, form_class = _row(request, org_slug, pk, tool, row_pk)
    form = form_class(request.POST if request.method == "POST" else None, instance=row)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in services.PLAN_FIELDS[type(row)]}
        fresh = type(row).objects.get(pk=row.pk)
        try:
            if isinstance(fresh, Stakeholder):
                services.stakeholder_save(
                    initiative=initiative, by=request.user, values=values, stakeholder=fresh
                )
            else:
                services.priority_save(
                    initiative=initiative, by=request.user, values=values, priority=fresh
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Corrected: %(row)s.") % {"row": fresh})
            return redirect(f"initiatives:{tool}", org_slug=org_slug, pk=pk)
    return render(
        request,
        "initiatives/planning_row.html",
        {
            "initiative": initiative,
            "row": row,
            "form": form,
            "tool": tool,
            "remove_url": reverse(f"initiatives:{tool}-remove", args=[org_slug, pk, row.pk]),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def planning_row_remove(
    request: AuthedRequest, org_slug: str, pk: int, tool: str, row_pk: int
) -> HttpResponse:
    _initiative, row, _form = _row(request, org_slug, pk, tool, row_pk)
    if not request.user.has_perm("initiatives.change_initiative", row.organisation):
        raise PermissionDenied
    services.planning_row_remove(row=row, by=request.user)
    messages.success(request, _("Removed: %(row)s. It stays in the history.") % {"row": row})
    return redirect(f"initiatives:{tool}", org_slug=org_slug, pk=pk)
