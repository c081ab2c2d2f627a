"""Pages for the opportunities board and the time bank."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from coproduce.core.forms import add_service_errors
from coproduce.core.http import AuthedRequest
from coproduce.core.models import Organisation
from coproduce.core.tenancy import organisation_for_request
from coproduce.people.models import Person
from coproduce.people.queries import person_of_user
from coproduce.recognition import queries, services
from coproduce.recognition.forms import ExchangeForm, ListingForm, OwnExchangeForm
from coproduce.recognition.models import Listing


def _exchange_form(
    request: AuthedRequest, organisation: Organisation, own: Person | None, can_manage: bool
) -> ExchangeForm | OwnExchangeForm | None:
    """Staff record any exchange; a co-producer records one they took part in."""
    data = (
        request.POST
        if request.method == "POST" and request.POST.get("action") == "exchange"
        else None
    )
    if can_manage:
        return ExchangeForm(data, organisation=organisation)
    return OwnExchangeForm(data, own=own) if own is not None else None


def _record_exchange(
    request: AuthedRequest, organisation: Organisation, own: Person | None, form: forms.Form
) -> None:
    data = form.cleaned_data
    if isinstance(form, OwnExchangeForm):
        assert own is not None
        pair = (own, data["other"]) if data["direction"] == "gave" else (data["other"], own)
        helper, helped, listing = pair[0], pair[1], None
    else:
        helper, helped, listing = data["helper"], data["helped"], data["listing"]
    services.timebank_exchange(
        listing=listing or Listing(organisation=organisation, title=_("Time-bank exchange")),
        helper=helper,
        helped=helped,
        hours=data["hours"],
        by=request.user,
        key=data["key"],
    )


def _act(
    request: AuthedRequest,
    organisation: Organisation,
    action: str,
    own: Person | None,
    listing_form: ListingForm,
    exchange_form: ExchangeForm | OwnExchangeForm | None,
) -> str | None:
    """Do what was sent; the thanks to show, or None when there is nothing to do."""
    if action in ("join", "listing") and own is None:
        raise PermissionDenied
    if action == "exchange" and exchange_form is None:
        raise PermissionDenied
    if action == "join" and own is not None:
        services.timebank_join(person=own, by=request.user)
        return _("Welcome to the time bank.")
    if action == "listing" and own is not None and listing_form.is_valid():
        services.listing_create(person=own, by=request.user, **listing_form.cleaned_data)
        return _("Added to the time bank.")
    if action == "exchange" and exchange_form is not None and exchange_form.is_valid():
        _record_exchange(request, organisation, own, exchange_form)
        return _("Thank you. The hours are in both statements.")
    return None


@login_required
def timebank(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "recognition.use_timebank")
    policy = services.policy_for(organisation)
    can_manage = request.user.has_perm("recognition.manage", organisation)
    own = person_of_user(organisation=organisation, user=request.user)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    listing_form = ListingForm(request.POST if action == "listing" else None)
    exchange_form = _exchange_form(request, organisation, own, can_manage)
    try:
        thanks = _act(request, organisation, action, own, listing_form, exchange_form)
    except ValidationError as error:
        shown = listing_form if action == "listing" else exchange_form
        assert shown is not None
        add_service_errors(shown, error)
    else:
        if thanks:
            messages.success(request, thanks)
            return redirect(request.path)
    failed = bool(listing_form.errors or (exchange_form and exchange_form.errors))
    return render(
        request,
        "recognition/timebank.html",
        {
            "enabled": policy.timebank_enabled,
            "starter_credits": policy.starter_credits,
            "joined": own is not None and queries.has_starter_credits(own),
            "listings": queries.listings_in(organisation),
            "listing_form": listing_form,
            "exchange_form": exchange_form,
            "own": own,
        },
        status=400 if action and failed else 200,
    )
