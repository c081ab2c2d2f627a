"""Pages for network events: a network opens a session to its members, and their
staff take places."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from coproduce.core.forms import add_service_errors
from coproduce.core.http import AuthedRequest
from coproduce.core.tenancy import organisation_for_request
from coproduce.peers import events
from coproduce.peers.forms import OpenEventForm, PlacesForm


@login_required
def event_list(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "peers.view")
    can_open = organisation.is_network and request.user.has_perm("peers.take_part", organisation)
    form = None
    if can_open:
        form = OpenEventForm(
            request.POST if request.method == "POST" else None,
            sessions=events.sessions_to_open(organisation),
        )
        if request.method == "POST" and form.is_valid():
            try:
                opened = events.event_open(
                    network=organisation, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your members can now take places."))
                return redirect("peers:event", org_slug=org_slug, event_pk=opened.pk)
    elif request.method == "POST":
        raise Http404
    return render(
        request,
        "peers/events.html",
        {"events": events.events_for(organisation), "form": form},
        status=400 if form is not None and form.errors else 200,
    )


@login_required
def event_detail(request: AuthedRequest, org_slug: str, event_pk: int) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "peers.view")
    event = events.event_for(organisation, event_pk)
    hosting = event.organisation_id == organisation.pk
    places = list(events.places_at(event, organisation))
    form = None
    if not hosting and request.user.has_perm("peers.take_part", organisation):
        ours = places[0] if places else None
        initial = (
            {"places": ours.places, "names": ours.names, "access_needs": ours.access_needs}
            if ours
            else {}
        )
        form = PlacesForm(request.POST if request.method == "POST" else None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                events.places_take(
                    event=event, organisation=organisation, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Saved. The hosts can see your places."))
                return redirect("peers:event", org_slug=org_slug, event_pk=event_pk)
    elif request.method == "POST":
        raise Http404
    return render(
        request,
        "peers/event.html",
        {
            "event": event,
            "hosting": hosting,
            "places": places,
            "taken": sum(place.places for place in places) if hosting else None,
            "form": form,
        },
        status=400 if form is not None and form.errors else 200,
    )
