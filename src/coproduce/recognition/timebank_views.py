"""Pages for the opportunities board and the time bank."""

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
from coproduce.people.queries import person_of_user
from coproduce.recognition import queries, services
from coproduce.recognition.forms import ExchangeForm, ListingForm
from coproduce.recognition.models import Listing


@login_required
def timebank(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "recognition.use_timebank")
    policy = services.policy_for(organisation)
    can_manage = request.user.has_perm("recognition.manage", organisation)
    own = person_of_user(organisation=organisation, user=request.user)
    bound = request.method == "POST"
    action = request.POST.get("action", "")
    listing_form = ListingForm(request.POST if bound and action == "listing" else None)
    exchange_form = ExchangeForm(
        request.POST if bound and action == "exchange" else None, organisation=organisation
    )
    if bound:
        try:
            if action == "listing" and listing_form.is_valid():
                if own is None:
                    raise PermissionDenied
                services.listing_create(person=own, by=request.user, **listing_form.cleaned_data)
                messages.success(request, _("Added to the time bank."))
                return redirect(request.path)
            if action == "exchange" and exchange_form.is_valid():
                data = exchange_form.cleaned_data
                # A member records help they received; staff record any exchange.
                if not can_manage and data["helped"] != own:
                    raise PermissionDenied
                services.timebank_exchange(
                    listing=data["listing"]
                    or Listing(organisation=organisation, title=_("Time-bank exchange")),
                    helper=data["helper"],
                    helped=data["helped"],
                    hours=data["hours"],
                    by=request.user,
                    key=data["key"],
                )
                messages.success(request, _("Thank you. The hours are in both statements."))
                return redirect(request.path)
        except ValidationError as error:
            add_service_errors(listing_form if action == "listing" else exchange_form, error)
    return render(
        request,
        "recognition/timebank.html",
        {
            "enabled": policy.timebank_enabled,
            "listings": queries.listings_in(organisation),
            "listing_form": listing_form,
            "exchange_form": exchange_form,
            "own": own,
        },
    )
