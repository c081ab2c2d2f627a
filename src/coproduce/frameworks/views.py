"""Framework pages: the public library, and each organisation's own frameworks."""

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
from coproduce.frameworks import queries, services
from coproduce.frameworks.forms import FrameworkForm
from coproduce.frameworks.models import FrameworkKind


def framework_list(request: HttpRequest) -> HttpResponse:
    frameworks = list(queries.library())
    groups = [
        (label, [f for f in frameworks if f.kind == value])
        for value, label in FrameworkKind.choices
    ]
    return render(request, "frameworks/framework_list.html", {"groups": groups})


def framework_detail(request: HttpRequest, key: str) -> HttpResponse:
    framework = queries.framework_detail(key)
    return render(
        request,
        "frameworks/framework_detail.html",
        {"framework": framework, "versions": queries.versions_of(framework)},
    )


@login_required
def org_framework_list(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "frameworks.view_org_frameworks")
    frameworks = list(queries.frameworks_for(organisation))
    return render(
        request,
        "frameworks/org_framework_list.html",
        {
            "own": [f for f in frameworks if f.organisation_id],
            "library": [f for f in frameworks if not f.organisation_id],
            "can_add": request.user.has_perm("frameworks.add_framework", organisation),
        },
    )


@login_required
def org_framework_create(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "frameworks.add_framework")
    form = FrameworkForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            framework = services.framework_create(
                organisation=organisation, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Framework saved."))
            return redirect(framework)
    return render(
        request,
        "frameworks/framework_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@login_required
def org_framework_detail(request: HttpRequest, org_slug: str, key: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "frameworks.view_org_frameworks")
    framework = queries.framework_detail(key, organisation=organisation)
    return render(
        request,
        "frameworks/framework_detail.html",
        {"framework": framework, "versions": queries.versions_of(framework)},
    )
