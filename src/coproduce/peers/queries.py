"""Reads for the peer network. An organisation sees the organisations, requests and
offers inside the networks it belongs to (and, if it is a network, its own members),
plus the directory entries other organisations chose to make public."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from coproduce.core.models import NetworkMembership, Organisation, User
from coproduce.core.queries import network_ids_around
from coproduce.peers.models import HelpRequest, LearningNote, Listing, Offer, RequestStatus


def peer_ids(organisation: Organisation, networks: list[int] | None = None) -> list[int]:
    """The numbers of every organisation in its networks (the networks too), not its own.
    `networks` are those networks' numbers, if the caller has read them already."""
    networks = network_ids_around(organisation) if networks is None else networks
    members = NetworkMembership.objects.filter(network_id__in=networks).values_list(
        "organisation_id", flat=True
    )
    return sorted((set(networks) | set(members)) - {organisation.pk})


def peers_of(organisation: Organisation) -> QuerySet[Organisation]:
    """Every organisation in those networks (the networks too), but not itself."""
    return Organisation.objects.filter(pk__in=peer_ids(organisation))


PUBLIC_SHOWN = 20


def directory(
    organisation: Organisation, kind: str = "", networks: list[int] | None = None
) -> list[Listing]:
    """Entries of its peers that offer or seek something (or offer this kind), then up
    to 20 public entries from outside its networks, nearest first by name."""
    offering = Listing.objects.exclude(offers=[], looking_for=[]).select_related("organisation")
    if kind:
        # The kinds are fixed words, so their quoted form in the JSON text finds them on
        # SQLite and PostgreSQL alike (SQLite has no JSON containment).
        offering = offering.filter(offers__icontains=f'"{kind}"')
    peers = peer_ids(organisation, networks)
    ours = list(offering.filter(organisation_id__in=peers).order_by("organisation__name"))
    public = list(
        offering.filter(public=True)
        .exclude(organisation_id__in=[*peers, organisation.pk])
        .order_by("organisation__name")[:PUBLIC_SHOWN]
    )
    return ours + public


def listing_of(organisation: Organisation) -> Listing | None:
    return Listing.objects.filter(organisation=organisation).first()


def requests_to(
    organisation: Organisation, networks: list[int] | None = None
) -> QuerySet[HelpRequest]:
    """Open requests from others in its networks that it could help with."""
    networks = network_ids_around(organisation) if networks is None else networks
    return (
        HelpRequest.objects.filter(network_id__in=networks, status=RequestStatus.OPEN)
        .exclude(organisation=organisation)
        .select_related("organisation", "network")
    )


def requests_of(organisation: Organisation) -> QuerySet[HelpRequest]:
    return HelpRequest.objects.filter(organisation=organisation).select_related("network")


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
