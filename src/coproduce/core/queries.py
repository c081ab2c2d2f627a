"""Reads for organisations and memberships."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, F, QuerySet

from coproduce.core.models import (
    ApiToken,
    AuditEvent,
    Invitation,
    Membership,
    Organisation,
    Role,
    User,
)
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


def role_counts(organisation: Organisation) -> list[tuple[str, int]]:
    labels = dict(Role.choices)
    rows = (
        Membership.objects.filter(organisation=organisation)
        .values("role")
        .annotate(count=Count("id"))
        .order_by("role")
    )
    return [(str(labels[row["role"]]), row["count"]) for row in rows]


def network_links(organisation: Organisation) -> dict[str, list[Organisation]]:
    """The networks an organisation belongs to, and (for a network) its members."""
    return {
        "networks": list(organisation.networks.order_by("name")),
        "members": list(organisation.members.order_by("name")),
    }


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    """A person's API tokens, working ones first, newest first."""
    return (
        ApiToken.objects.filter(user=user)
        .select_related("organisation")
        .order_by(F("revoked_at").desc(nulls_first=True), "-created_at")
    )


def history_of(target: Any, limit: int = 50) -> QuerySet[AuditEvent]:
    """What was done to one record, newest first, with who did it."""
    return (
        AuditEvent.objects.filter(
            organisation_id=target.organisation_id,
            target_type=target._meta.label_lower,
            target_id=target.pk,
        )
        .select_related("actor")
        .order_by("-created_at", "-id")[:limit]
    )
