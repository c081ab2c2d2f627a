"""Reads for organisations and memberships."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, F, Q, QuerySet

from coproduce.core.models import (
    ApiToken,
    AuditEvent,
    Invitation,
    JoinRequest,
    Membership,
    NetworkMembership,
    Organisation,
    OrganisationKind,
    OrganisationRequestStatus,
    Role,
    User,
)
from coproduce.core.prepared import Prepared
from coproduce.core.tenancy import organisations_for, roles_for


def organisations_with_roles(user: User | AnonymousUser) -> list[tuple[Organisation, str]]:
    """The user's organisations with the label of the role they hold, by name."""
    roles = roles_for(user)
    labels = dict(Role.choices)
    return [(org, str(labels[roles[org.pk]])) for org in organisations_for(user).order_by("name")]


def memberships_of(organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("role", "user__email")
    )


def open_invitations_of(organisation: Organisation) -> QuerySet[Invitation]:
    return Invitation.objects.open().filter(organisation=organisation).select_related("invited_by")


_ROLE_COUNTS = Prepared(
    Membership,
    lambda organisation: (
        Membership.objects.filter(organisation_id=organisation)
        .values("role")
        .annotate(count=Count("id"))
        .order_by("role")
    ),
    organisation=int,
)


def role_counts(organisation: Organisation) -> list[tuple[str, int]]:
    labels = dict(Role.choices)
    rows = _ROLE_COUNTS(organisation=organisation.pk)
    return [(str(labels[row["role"]]), row["count"]) for row in rows]


def network_links(organisation: Organisation) -> dict[str, list[Organisation]]:
    """The networks an organisation belongs to, and (for a network) its members."""
    return {
        "networks": list(organisation.networks.order_by("name")),
        # Only a network has members (core.services checks it when adding them).
        "members": list(organisation.members.order_by("name")) if organisation.is_network else [],
    }


def network_ids_around(organisation: Organisation) -> list[int]:
    """The numbers of the networks an organisation works in with others: those it
    belongs to, and itself if it is a network. One small query; pages that filter by
    these use the numbers, which is quicker to build and to run than a nested query."""
    ids = set(
        NetworkMembership.objects.filter(organisation=organisation).values_list(
            "network_id", flat=True
        )
    )
    if organisation.kind == "network":
        ids.add(organisation.pk)
    return sorted(ids)


def networks_around(organisation: Organisation) -> QuerySet[Organisation]:
    """The networks an organisation works in with others: those it belongs to, and
    itself if it is a network (the peer network and network-wide conversations)."""
    return Organisation.objects.filter(pk__in=network_ids_around(organisation))


def networks_joined(organisation: Organisation) -> list[NetworkMembership]:
    """The organisation's links to the networks it belongs to, with its sharing choice."""
    return list(
        NetworkMembership.objects.filter(organisation=organisation)
        .select_related("network")
        .order_by("network__name")
    )


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    """A person's API tokens, working ones first, newest first."""
    return (
        ApiToken.objects.filter(user=user)
        .select_related("organisation")
        .order_by(F("revoked_at").desc(nulls_first=True), "-created_at")
    )


def history_of(target: Any, limit: int = 50, **only: Any) -> QuerySet[AuditEvent]:
    """What was done to one record, newest first, with who did it; `only` narrows it
    (for example `action__in=[...]`)."""
    return (
        AuditEvent.objects.filter(
            organisation_id=target.organisation_id,
            target_type=target._meta.label_lower,
            target_id=target.pk,
            **only,
        )
        .select_related("actor")
        .order_by("-created_at", "-id")[:limit]
    )


def organisations_to_join(user: User, text: str) -> list[Organisation]:
    """Organisations whose name or place has `text` (two letters or more), leaving out
    the ones the person already has a role at."""
    text = text.strip()
    if len(text) < 2:
        return []
    found = Organisation.objects.filter(Q(name__icontains=text) | Q(place__icontains=text))
    return list(found.exclude(memberships__user=user).order_by("name")[:25])


def networks_to_offer(user: User, network: Organisation) -> list[Organisation]:
    """The organisations `user` runs that could ask to join `network`."""
    if network.kind != OrganisationKind.NETWORK:
        return []
    return list(
        Organisation.objects.filter(memberships__user=user, memberships__role=Role.ADMIN)
        .exclude(pk=network.pk)
        .exclude(memberships_of_networks__network=network)
        .order_by("name")
    )


def join_requests_waiting(organisation: Organisation) -> QuerySet[JoinRequest]:
    return JoinRequest.objects.filter(
        organisation=organisation, status=OrganisationRequestStatus.WAITING
    ).select_related("asked_by", "member")


def join_requests_of(user: User) -> QuerySet[JoinRequest]:
    """What a person has asked to join and not yet been let into, newest first."""
    return (
        JoinRequest.objects.filter(asked_by=user)
        .exclude(status=OrganisationRequestStatus.APPROVED)
        .select_related("organisation", "member")
        .order_by("-created_at")[:10]
    )
