"""Network events: a network opens one of its sessions to its members, and their
staff take places for their people (reads and writes, kept apart from the rest of
the peer network so each file stays small)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.core.models import AuditAction, Organisation, User
from coproduce.core.queries import networks_around
from coproduce.core.services import audit_record
from coproduce.peers.models import EventPlace, NetworkEvent
from coproduce.sessions.models import Session

# --- reads ---------------------------------------------------------------------


def events_for(organisation: Organisation) -> QuerySet[NetworkEvent]:
    """Events still to come in the networks this organisation works in."""
    return (
        NetworkEvent.objects.filter(
            organisation__in=networks_around(organisation),
            session__starts_at__gte=timezone.now(),
            session__cancelled_at__isnull=True,
        )
        .select_related("session", "organisation")
        .annotate(taken=Sum("signups__places"))
        .order_by("session__starts_at", "pk")
    )


def event_for(organisation: Organisation, pk: int) -> NetworkEvent:
    found = NetworkEvent.objects.filter(organisation__in=networks_around(organisation))
    return get_object_or_404(found.select_related("session", "organisation"), pk=pk)


def places_at(event: NetworkEvent, organisation: Organisation) -> QuerySet[EventPlace]:
    """Every member's places for the network; only its own for a member."""
    places = EventPlace.objects.filter(event=event).select_related("organisation")
    if event.organisation_id != organisation.pk:
        places = places.filter(organisation=organisation)
    return places.order_by("organisation__name")


def sessions_to_open(network: Organisation) -> QuerySet[Session]:
    return Session.objects.filter(
        organisation=network,
        starts_at__gte=timezone.now(),
        cancelled_at__isnull=True,
        network_event__isnull=True,
    ).order_by("starts_at")


# --- writes --------------------------------------------------------------------


@transaction.atomic
def event_open(
    *, network: Organisation, by: User, session: Session | None, places: int, about: str
) -> NetworkEvent:
    if not network.is_network:
        raise ValidationError({"session": _("Only a network opens sessions to its members.")})
    if session is None or not sessions_to_open(network).filter(pk=session.pk).exists():
        raise ValidationError({"session": _("Choose one of your sessions still to come.")})
    event = NetworkEvent.objects.create(
        organisation=network, session=session, places=places, about=about.strip(), opened_by=by
    )
    audit_record(
        organisation=network,
        actor=by,
        action=AuditAction.PEER_EVENT_OPEN,
        target=event,
        changes={"session": session.pk, "places": places},
    )
    return event


@transaction.atomic
def places_take(
    *,
    event: NetworkEvent,
    organisation: Organisation,
    by: User,
    places: int,
    names: str = "",
    access_needs: str = "",
) -> EventPlace | None:
    """Take (or change) a member's places; 0 gives them back."""
    event = NetworkEvent.objects.select_for_update().get(pk=event.pk)
    if event.organisation_id == organisation.pk:
        raise ValidationError({"places": _("Your members take places; you host.")})
    others = (
        EventPlace.objects.filter(event=event)
        .exclude(organisation=organisation)
        .aggregate(n=Sum("places"))["n"]
        or 0
    )
    if places > event.places - others:
        raise ValidationError(
            {
                "places": _("Only %(left)s places are left.")
                % {"left": max(0, event.places - others)}
            }
        )
    taken = None
    if places == 0:
        EventPlace.objects.filter(event=event, organisation=organisation).delete()
    else:
        taken, _created = EventPlace.objects.update_or_create(
            event=event,
            organisation=organisation,
            defaults={
                "places": places,
                "names": names.strip(),
                "access_needs": access_needs.strip(),
                "by": by,
                "at": timezone.now(),
            },
        )
    audit_record(
        organisation=organisation,
        actor=by,
        action=AuditAction.PEER_EVENT_SIGNUP,
        target=event,
        changes={"places": places},
    )
    return taken
