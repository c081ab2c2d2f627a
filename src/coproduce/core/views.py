"""Pages for organisations, memberships and invitations, and the health check."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from coproduce.core import queries, services
from coproduce.core.forms import InvitationForm, RoleForm
from coproduce.core.http import AuthedRequest
from coproduce.core.models import (
    Invitation,
    Membership,
    OrganisationRequest,
    OrganisationRequestStatus,
)
from coproduce.core.tenancy import organisation_for_request


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Report whether the app and its database answer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # Any database failure means "not ok"; the detail is in the logs.
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:dashboard")
    return render(request, "core/home.html")


@login_required
def dashboard(request: AuthedRequest) -> HttpResponse:
    organisations = queries.organisations_with_roles(request.user)
    if len(organisations) == 1 and "stay" not in request.GET:
        return redirect(organisations[0][0])
    asked_for = OrganisationRequest.objects.filter(requested_by=request.user.pk).exclude(
        status=OrganisationRequestStatus.APPROVED
    )
    return render(
        request,
        "core/dashboard.html",
        {
            "organisations": organisations,
            "asked_for": asked_for,
            "asked_to_join": queries.join_requests_of(request.user),
        },
    )


@login_required
def membership_list(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "core.manage_memberships")
    form = InvitationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            issued = services.invitation_create(
                organisation=organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            link = request.build_absolute_uri(
                reverse("core:invitation-accept", kwargs={"token": issued.token})
            )
            services.invitation_send(issued=issued, link=link)
            messages.success(
                request,
                _("We have emailed an invitation to %(email)s. The link works for 14 days.")
                % {"email": issued.invitation.email},
            )
            return redirect("core:membership-list", org_slug=organisation.slug)
    return render(
        request,
        "core/membership_list.html",
        {
            "form": form,
            "memberships": queries.memberships_of(organisation),
            "invitations": queries.open_invitations_of(organisation),
            "asking": queries.join_requests_waiting(organisation).count(),
            "role_form": RoleForm(),
        },
    )


@login_required
@require_POST
def membership_change(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "core.manage_memberships")
    membership = get_object_or_404(Membership, pk=pk, organisation=organisation)
    form = RoleForm(request.POST)
    try:
        if request.POST.get("action") == "remove":
            services.membership_remove(membership=membership, by=request.user)
            messages.success(
                request,
                _("%(email)s no longer has a role here.") % {"email": membership.user.email},
            )
        elif form.is_valid():
            services.membership_set_role(
                organisation=organisation,
                user=membership.user,
                role=form.cleaned_data["role"],
                by=request.user,
            )
            messages.success(
                request, _("Role changed for %(email)s.") % {"email": membership.user.email}
            )
        else:
            messages.error(request, _("Choose a role from the list."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("core:membership-list", org_slug=organisation.slug)


@login_required
@require_POST
def invitation_revoke(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "core.manage_memberships")
    invitation = get_object_or_404(Invitation.objects.open(), pk=pk, organisation=organisation)
    services.invitation_revoke(invitation=invitation, by=request.user)
    messages.success(
        request, _("The invitation to %(email)s no longer works.") % {"email": invitation.email}
    )
    return redirect("core:membership-list", org_slug=organisation.slug)


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.invitation_for_token(token)
    if invitation is None:
        return render(request, "core/invitation_invalid.html", status=404)
    error = ""
    if request.method == "POST" and request.user.is_authenticated:
        try:
            membership = services.invitation_accept(invitation=invitation, user=request.user)
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            messages.success(request, _("Welcome to %(org)s.") % {"org": membership.organisation})
            return redirect(membership.organisation)
    return render(
        request,
        "core/invitation_accept.html",
        {"invitation": invitation, "error": error, "next": request.get_full_path()},
    )


def admin_login(request: HttpRequest) -> HttpResponse:
    """Send the admin's sign-in to the site's own (allauth, two-step sign-in, limits on
    wrong guesses); a password sent here is never checked."""
    wanted = request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()})
    target = wanted if safe and wanted.startswith("/") else "/admin/"
    return redirect(f"{reverse('account_login')}?{urlencode({'next': target})}")
