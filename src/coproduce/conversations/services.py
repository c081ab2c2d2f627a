"""Writes for conversations. Starting a thread and replying are not written to the
audit trail: its pages name who did each thing, and a sensitive contribution's
author must stay known to the named moderators only. Moderation, moderators and
outcomes are audited, each with its reason."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.conversations.models import (
    Helped,
    ModerationAction,
    ModerationNote,
    Moderator,
    Post,
    Thread,
)
from coproduce.conversations.queries import said_in_thread
from coproduce.core.errors import conflict
from coproduce.core.models import AuditAction, Membership, Organisation, User
from coproduce.core.services import audit_record
from coproduce.influence.models import InfluenceItem
from coproduce.influence.services import said_to_item


def _post(
    thread: Thread, by: User, from_organisation: Organisation, body: str, sensitive: bool
) -> Post:
    post = Post(
        thread=thread,
        organisation=thread.organisation,
        from_organisation=from_organisation,
        author=by,
        body=body.strip(),
        sensitive=sensitive,
    )
    post.full_clean(exclude=["thread", "organisation", "from_organisation", "author"])
    post.save()
    Thread.objects.filter(pk=thread.pk).update(last_post_at=post.created_at)
    return post


@transaction.atomic
def thread_start(*, organisation: Organisation, by: User, details: Mapping[str, Any]) -> Thread:
    initiative = details.get("initiative")
    if initiative is not None and initiative.organisation_id != organisation.pk:
        raise ValidationError({"initiative": _("Choose an initiative of this organisation.")})
    network_wide = bool(details.get("network_wide"))
    if network_wide and not organisation.is_network:
        raise ValidationError({"network_wide": _("Only a network can ask its members.")})
    thread = Thread(
        organisation=organisation,
        initiative=initiative,
        topic=details.get("topic") or "",
        title=str(details.get("title", "")).strip(),
        network_wide=network_wide,
    )
    thread.full_clean(exclude=["organisation", "initiative", "outcome"])
    thread.save()
    _post(thread, by, organisation, str(details.get("body", "")), bool(details.get("sensitive")))
    return thread


@transaction.atomic
def reply(
    *, thread: Thread, by: User, from_organisation: Organisation, body: str, sensitive: bool
) -> Post:
    if thread.closed_at is not None:
        raise conflict("body", _("This conversation has closed."))
    return _post(thread, by, from_organisation, body, sensitive)


def helped_toggle(*, post: Post, by: User) -> bool:
    """Say a post helped, or take it back; whether it now counts as helping."""
    gone, _count = Helped.objects.filter(post=post, user=by).delete()
    if gone:
        return False
    try:
        with transaction.atomic():
            Helped.objects.create(post=post, user=by)
    except IntegrityError:
        pass  # said twice at once: it counts once
    return True


def _reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why, so everyone can see it.")})
    return reason[:500]


@transaction.atomic
def _moderated(
    thread: Thread, by: User, action: str, reason: str, post: Post | None = None
) -> ModerationNote:
    """Keep a moderation step and its reason, and audit it."""
    note = ModerationNote.objects.create(
        thread=thread,
        organisation=thread.organisation,
        post=post,
        action=action,
        reason=reason,
        by=by,
    )
    audit_record(
        organisation=thread.organisation,
        actor=by,
        action=AuditAction.CONVERSATION_MODERATE,
        target=note,
        changes={"action": action, "reason": reason},
    )
    return note


@transaction.atomic
def post_moderate(*, post: Post, by: User, hide: bool, reason: str) -> ModerationNote:
    """Hide a post (or show it again); the reason is shown where the post was."""
    reason = _reason(reason)
    post.hidden_at = timezone.now() if hide else None
    post.save(update_fields=["hidden_at"])
    action = ModerationAction.HIDE if hide else ModerationAction.SHOW
    return _moderated(post.thread, by, action, reason, post)


@transaction.atomic
def thread_close(*, thread: Thread, by: User, reason: str) -> ModerationNote:
    reason = _reason(reason)
    thread.closed_at = timezone.now()
    thread.save(update_fields=["closed_at"])
    return _moderated(thread, by, ModerationAction.CLOSE, reason)


@transaction.atomic
def thread_to_item(*, thread: Thread, by: User, title: str, addressed_to: str) -> InfluenceItem:
    """What the conversation raised becomes a "you said, we did" item, raised by the
    people in it (as a group: nobody is named), linked both ways."""
    if thread.outcome_id is not None:
        raise conflict("title", _("This conversation has its item already."))
    item = said_to_item(
        organisation=thread.organisation,
        said=said_in_thread(thread),
        by=by,
        title=title,
        addressed_to=addressed_to,
    )
    thread.outcome = item
    thread.save(update_fields=["outcome"])
    note = ModerationNote.objects.create(
        thread=thread,
        organisation=thread.organisation,
        action=ModerationAction.OUTCOME,
        reason=title,
        by=by,
    )
    audit_record(
        organisation=thread.organisation,
        actor=by,
        action=AuditAction.CONVERSATION_OUTCOME,
        target=note,
        changes={"item": item.pk},
    )
    return item


@transaction.atomic
def moderators_set(
    *, organisation: Organisation, by: User, users: Iterable[User]
) -> list[Moderator]:
    """Name exactly these people as moderators; each must have a role here."""
    chosen = list(users)
    with_role = set(
        Membership.objects.filter(organisation=organisation, user__in=chosen).values_list(
            "user_id", flat=True
        )
    )
    if any(user.pk not in with_role for user in chosen):
        raise ValidationError({"users": _("Choose people with a role in this organisation.")})
    Moderator.objects.filter(organisation=organisation).exclude(user__in=chosen).delete()
    for user in chosen:
        Moderator.objects.get_or_create(organisation=organisation, user=user)
    audit_record(
        organisation=organisation,
        actor=by,
        action=AuditAction.CONVERSATION_MODERATORS,
        target=organisation,
        changes={"moderators": sorted(user.pk for user in chosen)},
    )
    return list(Moderator.objects.filter(organisation=organisation))
