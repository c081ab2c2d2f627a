"""Pages for the opportunities board and the time bank."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from coproduce.core.forms import add_service_errors
from coproduce.core.tenancy import organisation_for_request
from coproduce.people.models import Person
from coproduce.people.queries import person_of_user
from coproduce.recognition import queries, services
from coproduce.recognition.forms import ExchangeForm, InterestForm, ListingForm, OpportunityForm
from coproduce.recognition.models import InterestStatus, Listing


@login_required
def opportunity_list(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "recognition.view_opportunities")
    can_manage = request.user.has_perm("recognition.manage_opportunities", organisation)
    return render(
        request,
        "recognition/opportunity_list.html",
        {
            "opportunities": queries.opportunities_in(organisation, open_only=not can_manage),
            "can_manage": can_manage,
        },
    )


@login_required
def opportunity_create(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "recognition.manage_opportunities")
    form = OpportunityForm(
        request.POST if request.method == "POST" else None, organisation=organisation
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        session = data.pop("session")
        try:
            opportunity = services.opportunity_create(
                organisation=organisation, by=request.user, details=data, session=session
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Opportunity published on the board."))
            return redirect("recognition:opportunity-detail", org_slug=org_slug, pk=opportunity.pk)
    return render(request, "recognition/opportunity_form.html", {"form": form})


@login_required
def opportunity_detail(request: HttpRequest, org_slug: str, pk: int) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "recognition.view_opportunities")
    opportunity = queries.opportunity_in(organisation, pk)
    can_manage = request.user.has_perm("recognition.manage_opportunities", organisation)
    own = person_of_user(organisation=organisation, user=request.user)
    can_express = request.user.has_perm("recognition.express_interest", organisation) and (
        can_manage or own is not None
    )
    bound = request.method == "POST"
    action = request.POST.get("action", "")
    form = InterestForm(
        request.POST if bound and action == "interest" else None,
        organisation=organisation,
        on_behalf=can_manage,
    )
    interest = list(queries.interest_in(opportunity)) if can_manage else []
    if bound:
        try:
            if action == "interest":
                if not can_express:
                    raise PermissionDenied
                if form.is_valid():
                    person = form.cleaned_data.get("person") or own
                    assert isinstance(person, Person)
                    services.interest_express(
                        opportunity=opportunity,
                        person=person,
                        by=request.user,
                        note=form.cleaned_data["note"],
                    )
                    messages.success(
                        request,
                        _("Thank you. The coordinator will be in touch before the closing date."),
                    )
                    return redirect(request.path)
            elif action == "select":
                if not can_manage:
                    raise PermissionDenied
                chosen = set(request.POST.getlist("selected"))
                count = services.interest_decide(
                    opportunity=opportunity,
                    by=request.user,
                    selected=[i.person for i in interest if str(i.person_id) in chosen],
                )
                messages.success(request, _("%(n)s selected.") % {"n": count})
                return redirect(request.path)
        except ValidationError as error:
            if action == "interest":
                add_service_errors(form, error)
            else:
                messages.error(request, " ".join(error.messages))
    mine = opportunity.interest.filter(person=own).first() if own is not None else None
    return render(
        request,
        "recognition/opportunity_detail.html",
        {
            "opportunity": opportunity,
            "form": form,
            "interest": interest,
            "can_manage": can_manage,
            "can_express": can_express and opportunity.is_open and (can_manage or mine is None),
            "mine": mine,
            "selected_status": InterestStatus.SELECTED,
        },
    )


@login_required
def timebank(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "recognition.express_interest")
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
                listing = Listing.objects.filter(
                    organisation=organisation, pk=request.POST.get("listing") or 0
                ).first()
                services.timebank_exchange(
                    listing=listing
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
