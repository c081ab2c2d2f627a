"""Pages for joining: find an organisation and ask to join it (as yourself, or for an
organisation you run when it is a network), and the admins' answers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coproduce.core import joining, queries
from coproduce.core.errors import status_for
from coproduce.core.forms import JoinAskForm, JoinDecisionForm, add_service_errors
from coproduce.core.http import AuthedRequest
from coproduce.core.models import JoinRequest, Organisation, Role
from coproduce.core.tenancy import organisation_for_request

ME = "me"


@login_required
def organisation_find(request: AuthedRequest) -> HttpResponse:
    text = request.GET.get("q", "")[:100]
    return render(
        request,
        "core/organisation_find.html",
        {"text": text, "found": queries.organisations_to_join(request.user, text)},
    )


@login_required
def join_ask(request: AuthedRequest, slug: str) -> HttpResponse:
    to = get_object_or_404(Organisation, slug=slug)
    runs = {str(o.pk): o for o in queries.networks_to_offer(request.user, to)}
    choices = [(ME, _("Me, as a person"))] + [(pk, o.name) for pk, o in runs.items()]
    form = JoinAskForm(request.POST if request.method == "POST" else None, choices=choices)
    if request.method == "POST" and form.is_valid():
        member = runs.get(form.cleaned_data["member"])
        try:
            joining.join_ask(
                by=request.user, to=to, member=member, message=form.cleaned_data["message"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("You asked to join %(org)s. Its admins will answer; you will see it here.")
                % {"org": to.name},
            )
            return redirect(reverse("core:dashboard") + "?stay=1")
    return render(
        request,
        "core/join_ask.html",
        {"to": to, "form": form},
        status=400 if form.errors else 200,
    )


def _requests_page(
    request: AuthedRequest, organisation: Organisation, form: JoinDecisionForm, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "core/join_requests.html",
        {"waiting": queries.join_requests_waiting(organisation), "form": form},
        status=status,
    )


@login_required
def join_requests(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "core.manage_memberships")
    return _requests_page(request, organisation, JoinDecisionForm())


@login_required
@require_POST
def join_decide(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "core.manage_memberships")
    asked = get_object_or_404(JoinRequest, pk=pk, organisation=organisation)
    form = JoinDecisionForm(request.POST)
    if not form.is_valid():
        return _requests_page(request, organisation, form, status=400)
    approve = form.cleaned_data["decision"] == "approve"
    try:
        joining.join_decide(
            request=asked,
            by=request.user,
            approve=approve,
            role=form.cleaned_data["role"] or Role.MEMBER,
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return _requests_page(request, organisation, form, status=status_for(error))
    messages.success(
        request,
        (_("%(who)s has joined.") if approve else _("You said no to %(who)s.")) % {"who": asked},
    )
    return redirect("core:join-requests", org_slug=org_slug)
