"""Pages for setting up: asking to start an organisation, and the operator's check."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coproduce.core import setup
from coproduce.core.forms import DecisionForm, OrganisationRequestForm, add_service_errors
from coproduce.core.http import AuthedRequest
from coproduce.core.models import OrganisationRequest, OrganisationRequestStatus


@login_required
def organisation_start(request: AuthedRequest) -> HttpResponse:
    """Anyone signed in can ask to start an organisation and become its first admin."""
    form = OrganisationRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            asked = setup.organisation_request(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if asked.organisation is not None:
                messages.success(request, _("Your organisation is set up. You are its admin."))
                return redirect(asked.organisation)
            messages.success(
                request,
                _(
                    "Thank you. Someone who runs this site will check it, usually within "
                    "a working day, and we will email you."
                ),
            )
            return redirect("core:dashboard")
    return render(
        request,
        "core/organisation_start.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def _operator(request: AuthedRequest) -> None:
    if not request.user.is_staff:
        raise PermissionDenied


@login_required
def operator_requests(request: AuthedRequest) -> HttpResponse:
    """For the people who run the installation: organisations waiting to be set up."""
    _operator(request)
    return render(
        request,
        "core/operator_requests.html",
        {
            "waiting": OrganisationRequest.objects.filter(
                status=OrganisationRequestStatus.WAITING
            ).select_related("requested_by"),
            "decided": OrganisationRequest.objects.exclude(status=OrganisationRequestStatus.WAITING)
            .select_related("requested_by", "organisation")
            .order_by("-decided_at")[:20],
            "form": DecisionForm(),
        },
    )


@login_required
@require_POST
def operator_decide(request: AuthedRequest, pk: int) -> HttpResponse:
    _operator(request)
    asked = get_object_or_404(OrganisationRequest, pk=pk)
    form = DecisionForm(request.POST)
    approve = request.POST.get("decision") == "approve"
    try:
        form.is_valid()
        setup.organisation_request_decide(
            request=asked,
            by=request.user,
            approve=approve,
            reason=form.cleaned_data.get("reason", ""),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            (_("%(name)s is set up.") if approve else _("%(name)s was not set up."))
            % {"name": asked.name},
        )
    return redirect("core:operator-requests")
