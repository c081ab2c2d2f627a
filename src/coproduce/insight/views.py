"""Who takes part, against who the organisation serves."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from coproduce.core.forms import add_service_errors
from coproduce.core.http import AuthedRequest
from coproduce.core.tenancy import organisation_for_request
from coproduce.insight import queries, services
from coproduce.insight.forms import ParticipationForm, ReferenceForm


@login_required
def participation(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "insight.view_participation")
    form = ParticipationForm(request.GET)  # empty: the last year
    if not form.is_valid():
        return render(request, "insight/participation.html", {"form": form}, status=400)
    period = form.cleaned_data
    found = queries.participation(
        organisation, period["since"], period["until"], period["activity"]
    )
    return render(
        request,
        "insight/participation.html",
        {
            "form": form,
            "found": found,
            "can_set": request.user.has_perm("insight.set_reference", organisation),
        },
    )


@login_required
def reference(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "insight.set_reference")
    form = ReferenceForm(
        request.POST or None,
        initial={"source": queries.reference_source(organisation)},
        initial_shares=queries.reference_shares(organisation),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.reference_set(
                organisation=organisation,
                by=request.user,
                source=form.cleaned_data["source"],
                shares=form.shares(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved. Who takes part is now compared with these."))
            return redirect("insight:participation", org_slug=org_slug)
    return render(
        request,
        "insight/reference.html",
        {"form": form},
        status=400 if form.errors else 200,
    )
