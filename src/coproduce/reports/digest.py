"""A weekly email for each organisation's admins and coordinators: approvals waiting,
"you said, we did" items overdue, early warnings, action-plan items overdue,
messages that could not be delivered (issue 18), the week's conversations and the
requests for help its networks made (issue 21). Nothing is sent to an organisation
with nothing waiting. `coproduce manage weekly_digest` runs it once a week."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from coproduce.conversations.models import Thread
from coproduce.conversations.queries import talked_about
from coproduce.core.models import AuditAction, Membership, Organisation, Role
from coproduce.core.services import audit_record
from coproduce.initiatives.models import Initiative, InitiativeStatus
from coproduce.messaging.models import Kind
from coproduce.messaging.queries import to_follow_up
from coproduce.messaging.services import queue_email, render_text
from coproduce.peers.models import HelpRequest
from coproduce.peers.queries import requests_to
from coproduce.reports.today import NeedsYou, needs_you
from coproduce.reports.warnings import initiative_warnings

SALT = "coproduce.weekly-digest"


@dataclass
class Digest:
    organisation: Organisation
    needs: NeedsYou
    warnings: list[tuple[Initiative, str]] = field(default_factory=list)
    to_follow_up: int = 0
    # The week's conversations (thread, new messages), and requests for help from the
    # organisation's networks made this week.
    conversations: list[tuple[Thread, int]] = field(default_factory=list)
    asked_of_you: list[HelpRequest] = field(default_factory=list)

    @property
    def anything(self) -> bool:
        waiting = self.needs.awards_waiting or self.needs.claims_waiting
        return bool(
            waiting
            or self.needs.joins_waiting
            or self.needs.items_overdue
            or self.needs.actions_overdue
            or self.warnings
            or self.to_follow_up
            or self.conversations
            or self.asked_of_you
        )


def digest_for(organisation: Organisation, today: datetime.date | None = None) -> Digest:
    warnings = [
        (initiative, warning.message)
        for initiative in Initiative.objects.filter(
            organisation=organisation, status=InitiativeStatus.ACTIVE
        ).order_by("title")
        for warning in initiative_warnings(initiative)
    ]
    week_ago = timezone.now() - datetime.timedelta(days=7)
    if today is not None:
        week_ago = timezone.make_aware(
            datetime.datetime.combine(today - datetime.timedelta(days=7), datetime.time())
        )
    return Digest(
        organisation=organisation,
        needs=needs_you(organisation, today=today),
        warnings=warnings,
        to_follow_up=to_follow_up(organisation).count(),
        conversations=talked_about(organisation, since=week_ago),
        asked_of_you=list(requests_to(organisation).filter(created_at__gte=week_ago)[:10]),
    )


def stop_token(membership: Membership) -> str:
    return signing.dumps({"m": membership.pk}, salt=SALT)


def membership_for(token: str) -> Membership | None:
    """The membership a digest's stop link is for, or None if the link is not ours."""
    try:
        found = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    return Membership.objects.select_related("organisation").filter(pk=found.get("m")).first()


def _url(path: str) -> str:
    return f"{settings.COPRODUCE_SITE_URL.rstrip('/')}{path}"


def digests_send(today: datetime.date | None = None) -> int:
    """Queue this week's digest to each admin and coordinator who has not stopped it,
    once a week however often it runs. Returns how many were queued."""
    today = today or timezone.localdate()
    year, week, _day = today.isocalendar()
    count = 0
    staff = (
        Membership.objects.filter(role__in=[Role.ADMIN, Role.COORDINATOR], weekly_digest=True)
        .select_related("organisation", "user")
        .order_by("organisation_id", "pk")
    )
    by_organisation: dict[int, list[Membership]] = {}
    for membership in staff:
        by_organisation.setdefault(membership.organisation_id, []).append(membership)
    for memberships in by_organisation.values():
        organisation = memberships[0].organisation
        digest = digest_for(organisation, today)
        if not digest.anything:
            continue
        with transaction.atomic():
            for membership in memberships:
                count += _queue(digest, membership, f"digest:{membership.pk}:{year}-{week}")
    return count


def _queue(digest: Digest, membership: Membership, key: str) -> int:
    slug = digest.organisation.slug
    context: dict[str, Any] = {
        "digest": digest,
        "organisation": digest.organisation,
        "name": membership.user.first_name or membership.user.email,
        "home": _url(reverse("reports:organisation-home", args=[slug])),
        "messages_page": _url(reverse("messaging:follow-up", args=[slug])),
        "conversations_page": _url(reverse("conversations:list", args=[slug])),
        "peers_page": _url(reverse("peers:directory", args=[slug])),
        "stop": _url(reverse("digest:stop", args=[stop_token(membership)])),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_text(["messages/digest_subject.txt"], context)
        body = render_text(["messages/digest.txt"], context)
    made = queue_email(
        to=membership.user.email,
        subject=subject,
        body=body,
        kind=Kind.DIGEST,
        organisation=digest.organisation,
        key=key,
    )
    return 1 if made else 0


@transaction.atomic
def digest_stop_set(*, membership: Membership, wanted: bool) -> Membership:
    """Stop (or start again) the weekly digest, from the link in it."""
    membership.weekly_digest = wanted
    membership.save(update_fields=["weekly_digest"])
    audit_record(
        organisation=membership.organisation,
        actor=membership.user,
        action=AuditAction.MESSAGES_STARTED if wanted else AuditAction.MESSAGES_STOPPED,
        target=membership,
        changes={"topic": "digest"},
    )
    return membership
