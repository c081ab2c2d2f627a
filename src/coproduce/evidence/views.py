"""Pages for indicators, their figures and comparisons, outcomes, and value for money."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from coproduce.core.http import AuthedRequest
from coproduce.core.tenancy import organisation_for_request
from coproduce.evidence import queries, services
from coproduce.evidence.forms import SettingsForm
from coproduce.web.forms import posted


@login_required
def evidence_home(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "evidence.view")
    return render(
        request,
        "evidence/evidence_home.html",
        {
            "indicators": queries.indicators_in(organisation),
            "surveys": queries.surveys_in(organisation),
            "documents": queries.documents_in(organisation)
            if request.user.has_perm("evidence.code", organisation)
            else None,
            "initiatives": organisation.initiatives.order_by("title"),
            "can_manage": request.user.has_perm("evidence.manage", organisation),
            "can_code": request.user.has_perm("evidence.code", organisation),
        },
    )


@login_required
def settings_edit(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "evidence.manage")
    current = services.settings_for(organisation)
    form = SettingsForm(
        posted(request), initial={"not_recorded_threshold": current.not_recorded_threshold}
    )
    if request.method == "POST" and form.is_valid():
        services.settings_set(organisation=organisation, by=request.user, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("evidence:home", org_slug=org_slug)
    return render(request, "evidence/settings_form.html", {"form": form})
