"""Pages for the peer network. Thin: reads from queries.py, writes through services.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coproduce.assessments.services import LinkError, respondent_link_for_user
from coproduce.core.forms import add_service_errors
from coproduce.core.http import AuthedRequest
from coproduce.core.queries import network_ids_around
from coproduce.core.tenancy import organisation_for_request
from coproduce.peers import queries, services
from coproduce.peers.forms import LearningForm, ListingForm, OfferForm, RequestForm
from coproduce.peers.models import HelpKind, RequestStatus


@login_required
def directory(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "peers.view")
    kind = request.GET.get("offers", "")
    kind = kind if kind in HelpKind.values else ""
    networks = network_ids_around(organisation)  # read once for the whole page
    return render(
        request,
        "peers/directory.html",
        {
            "title": _("Peer network"),
            "listings": queries.directory(organisation, kind, networks),
            "kinds": HelpKind.choices,
            "kind": kind,
            "own": queries.listing_of(organisation),
            "asked_of_us": queries.first_requests_to(organisation, networks),
            "ours": queries.first_requests_of(organisation),
            "reviews": queries.reviews_by(organisation, request.user),
            "in_a_network": bool(networks),
            "can_take_part": request.user.has_perm("peers.take_part", organisation),
        },
    )


@login_required
def listing_edit(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "peers.take_part")
    own = queries.listing_of(organisation)
    initial = (
        {
            "offers": own.offers,
            "offers_detail": own.offers_detail,
            "looking_for": own.looking_for,
            "looking_for_detail": own.looking_for_detail,
            "public": own.public,
        }
        if own
        else {}
    )
    form = ListingForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.listing_save(organisation=organisation, by=request.user, details=form.cleaned_data)
        messages.success(request, _("Your entry is saved."))
        return redirect("peers:directory", org_slug=org_slug)
    return render(
        request, "peers/listing_form.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
def request_new(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "peers.take_part")
    form = RequestForm(
        request.POST if request.method == "POST" else None,
        organisation=organisation,
        initial={"kind": request.GET.get("kind", "")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            asked = services.request_create(
                organisation=organisation, by=request.user, details=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your request is on the network's list."))
            return redirect("peers:request", org_slug=org_slug, pk=asked.pk)
    return render(
        request, "peers/request_form.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
def request_detail(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "peers.view")
    asked = queries.request_for(organisation, pk)
    ours = asked.organisation_id == organisation.pk
    offers = list(queries.offers_on(asked, organisation))
    can_take_part = request.user.has_perm("peers.take_part", organisation)
    form = None
    if not ours and can_take_part and asked.status == RequestStatus.OPEN:
        form = OfferForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                services.offer_make(
                    help_request=asked,
                    organisation=organisation,
                    by=request.user,
                    message=form.cleaned_data["message"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your offer is sent. They will see it on this page."))
                return redirect("peers:request", org_slug=org_slug, pk=pk)
    elif request.method == "POST":
        raise Http404
    return render(
        request,
        "peers/request.html",
        {
            "asked": asked,
            "ours": ours,
            "offers": offers,
            "form": form,
            "can_take_part": can_take_part,
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required
@require_POST
def offer_accept(request: AuthedRequest, org_slug: str, pk: int, offer_pk: int) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "peers.take_part")
    asked = queries.request_for(organisation, pk)
    if asked.organisation_id != organisation.pk:
        raise Http404
    offer = queries.offer_for(asked, organisation, offer_pk)
    try:
        services.offer_accept(offer=offer, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Accepted. We have told them on their peer network page."))
    return redirect("peers:request", org_slug=org_slug, pk=pk)


@login_required
@require_POST
def request_close(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "peers.take_part")
    asked = queries.request_for(organisation, pk)
    if asked.organisation_id != organisation.pk:
        raise Http404
    services.request_close(help_request=asked, by=request.user)
    messages.success(request, _("The request is closed."))
    return redirect("peers:directory", org_slug=org_slug)


@login_required
@require_POST
def review_start(request: AuthedRequest, org_slug: str, offer_pk: int) -> HttpResponse:
    """The peer reviewer opens their own answer link for the other organisation's round."""
    organisation = organisation_for_request(request, org_slug, "peers.take_part")
    offer = queries.reviews_by(organisation, request.user).filter(pk=offer_pk).first()
    if offer is None or offer.respondent is None:
        raise Http404
    try:
        token = respondent_link_for_user(respondent=offer.respondent, user=request.user)
    except LinkError:
        messages.error(request, _("This review has been sent, or its round has closed."))
        return redirect("peers:directory", org_slug=org_slug)
    return redirect("assessments:answer-start", token=token)


@login_required
def learning(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "peers.view")
    can_take_part = request.user.has_perm("peers.take_part", organisation)
    form = None
    if can_take_part:
        form = LearningForm(
            request.POST if request.method == "POST" else None, organisation=organisation
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.learning_add(
                    organisation=organisation, by=request.user, details=form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Added to your learning log."))
                return redirect("peers:learning", org_slug=org_slug)
    elif request.method == "POST":
        raise Http404
    return render(
        request,
        "peers/learning.html",
        {"notes": queries.learning_log(organisation), "form": form},
        status=400 if form is not None and form.errors else 200,
    )
