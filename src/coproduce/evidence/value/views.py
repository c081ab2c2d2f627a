"""The value for money page of an initiative: costs, benefits and assumptions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from coproduce.core.forms import add_service_errors
from coproduce.core.http import AuthedRequest
from coproduce.core.tenancy import organisation_for_request
from coproduce.evidence import figures, queries, services
from coproduce.evidence.value.forms import AssumptionForm, BenefitForm, CostForm
from coproduce.initiatives.queries import initiative_in


@login_required
def value_detail(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    """Costs, benefits and assumptions for one initiative, with what they add up to."""
    organisation = organisation_for_request(request, org_slug, "evidence.view")
    initiative = initiative_in(organisation=organisation, pk=pk)
    can_manage = request.user.has_perm("evidence.manage", organisation)
    if request.method == "POST" and not can_manage:
        raise PermissionDenied
    which = request.POST.get("form") if request.method == "POST" else None
    cost_form = CostForm(request.POST if which == "cost" else None)
    benefit_form = BenefitForm(request.POST if which == "benefit" else None)
    assumption_form = AssumptionForm(request.POST if which == "assumption" else None)
    done = False
    try:
        if which == "cost" and cost_form.is_valid():
            services.cost_add(initiative=initiative, by=request.user, **cost_form.service_args())
            done = True
        elif which == "benefit" and benefit_form.is_valid():
            services.benefit_add(
                initiative=initiative, by=request.user, **benefit_form.service_args()
            )
            done = True
        elif which == "assumption" and assumption_form.is_valid():
            services.assumption_add(
                initiative=initiative, by=request.user, **assumption_form.cleaned_data
            )
            done = True
    except ValidationError as error:
        form = {"cost": cost_form, "benefit": benefit_form}.get(which or "", assumption_form)
        add_service_errors(form, error)
    if done:
        messages.success(request, _("Added."))
        return redirect("evidence:value-detail", org_slug=org_slug, pk=pk)
    return render(
        request,
        "evidence/value_detail.html",
        {
            "initiative": initiative,
            **queries.value_of(initiative),
            "rule": figures.VALUE_RULE,
            "can_manage": can_manage,
            "cost_form": cost_form,
            "benefit_form": benefit_form,
            "assumption_form": assumption_form,
        },
    )
