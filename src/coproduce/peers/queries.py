"""Reads for the peer network. An organisation sees the organisations, requests and
offers inside the networks it belongs to (and, if it is a network, its own members),
plus the directory entries other organisations chose to make public."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from coproduce.core.models import NetworkMembership, Organisation, User
from coproduce.core.prepared import Prepared
from coproduce.core.queries import network_ids_around
from coproduce.peers.models import HelpRequest, LearningNote, Listing, Offer, RequestStatus

# The peer network page's reads, made once (`core.prepared`, issue 23).
_MEMBERS = Prepared(
    NetworkMembership,
    lambda networks: NetworkMembership.objects.filter(network_id__in=networks).values(
        "organisation_id"
    ),
    networks=list,
)


def peer_ids(organisation: Organisation, networks: list[int] | None = None) -> list[int]:
    """The numbers of every organisation in its networks (the networks too), not its own.
    `networks` are those networks' numbers, if the caller has read them already."""
    networks = network_ids_around(organisation) if networks is None else networks
    members = {row["organisation_id"] for row in _MEMBERS(networks=networks)}
    return sorted((set(networks) | members) - {organisation.pk})


def peers_of(organisation: Organisation) -> QuerySet[Organisation]:
    """Every organisation in those networks (the networks too), but not itself."""
    return Organisation.objects.filter(pk__in=peer_ids(organisation))


PUBLIC_SHOWN = 20


def directory(
    organisation: Organisation, kind: str = "", networks: list[int] | None = None
) -> list[Listing]:
    """Entries of its peers that offer or seek something (or offer this kind), then up
    to 20 public entries from outside its networks, nearest first by name."""
    peers = peer_ids(organisation, networks)
    outside = [*peers, organisation.pk]
    if kind:
        return list(_ours(peers, kind)) + list(_public(outside, kind))
    return _OURS(peers=peers) + _PUBLIC(outside=outside)


def _offering(kind: str) -> QuerySet[Listing]:
    offering = Listing.objects.exclude(offers=[], looking_for=[]).select_related("organisation")
    if kind:
        # The kinds are fixed words, so their quoted form in the JSON text finds them on
        # SQLite and PostgreSQL alike (SQLite has no JSON containment).
        offering = offering.filter(offers__icontains=f'"{kind}"')
    return offering


def _ours(peers: list[int], kind: str = "") -> QuerySet[Listing]:
    return _offering(kind).filter(organisation_id__in=peers).order_by("organisation__name")


def _public(outside: list[int], kind: str = "") -> QuerySet[Listing]:
    return (
        _offering(kind)
        .filter(public=True)
        .exclude(organisation_id__in=outside)
        .order_by("organisation__name")[:PUBLIC_SHOWN]
    )


_OURS = Prepared(Listing, _ours, peers=list)
_PUBLIC = Prepared(Listing, _public, outside=list)


def listing_of(organisation: Organisation) -> Listing | None:
    return Listing.objects.filter(organisation=organisation).first()


def requests_to(
    organisation: Organisation, networks: list[int] | None = None
) -> QuerySet[HelpRequest]:
    """Open requests from others in its networks that it could help with."""
    networks = network_ids_around(organisation) if networks is None else networks
    return _requests_to(networks, organisation.pk)


def _requests_to(networks: list[int], organisation: int) -> QuerySet[HelpRequest]:
    return (
        HelpRequest.objects.filter(network_id__in=networks, status=RequestStatus.OPEN)
        .exclude(organisation_id=organisation)
        .select_related("organisation", "network")
    )


def requests_of(organisation: Organisation) -> QuerySet[HelpRequest]:
    return _requests_of(organisation.pk)


def _requests_of(organisation: int) -> QuerySet[HelpRequest]:
    return HelpRequest.objects.filter(organisation_id=organisation).select_related("network")


# The first of each, as the peer network page lists them.
SHOWN = 50
_ASKED_OF_US = Prepared(
    HelpRequest,
    lambda networks, organisation: _requests_to(networks, organisation)[:SHOWN],
    networks=list,
    organisation=int,
)
_OURS_ASKED = Prepared(
    HelpRequest, lambda organisation: _requests_of(organisation)[:SHOWN], organisation=int
)


def first_requests_to(organisation: Organisation, networks: list[int]) -> list[HelpRequest]:
    return _ASKED_OF_US(networks=networks, organisation=organisation.pk)


def first_requests_of(organisation: Organisation) -> list[HelpRequest]:
    return _OURS_ASKED(organisation=organisation.pk)


def request_for(organisation: Organisation, pk: int) -> HelpRequest:
    """A request this organisation made, or one asked in a network it is part of."""
    return get_object_or_404(
        HelpRequest.objects.select_related("organisation", "network", "assessment").filter(
            Q(organisation=organisation) | Q(network_id__in=network_ids_around(organisation))
        ),
        pk=pk,
    )


def offers_on(request: HelpRequest, organisation: Organisation) -> QuerySet[Offer]:
    """All offers for the organisation that asked; only its own for anyone else."""
    offers = Offer.objects.filter(request=request).select_related("organisation", "helper")
    if request.organisation_id != organisation.pk:
        offers = offers.filter(organisation=organisation)
    return offers


def offer_for(request: HelpRequest, organisation: Organisation, pk: int) -> Offer:
    return get_object_or_404(offers_on(request, organisation), pk=pk)


def reviews_by(organisation: Organisation, user: User) -> QuerySet[Offer]:
    """Peer reviews this person agreed to do for other organisations, on its behalf."""
    return Offer.objects.filter(
        organisation=organisation, helper=user, respondent__isnull=False
    ).select_related("request__organisation", "respondent")


def learning_log(organisation: Organisation) -> QuerySet[LearningNote]:
    return LearningNote.objects.filter(organisation=organisation).select_related("learned_from")
