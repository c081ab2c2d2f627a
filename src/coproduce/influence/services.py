"""Writes for "you said, we did": record what was raised, answer it, and tell the people."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.core.errors import conflict
from coproduce.core.models import AuditAction, Organisation, User
from coproduce.core.services import audit_record
from coproduce.influence.models import (
    ANSWERED,
    InfluenceItem,
    ItemStatus,
    ResponseTargets,
    StatusChange,
)
from coproduce.influence.queries import Said
from coproduce.messaging.models import Kind
from coproduce.messaging.services import Letter, queue_for
from coproduce.people.models import Person

ITEM_FIELDS = ("title", "description", "addressed_to", "raised_by_group", "raised_on", "is_public")


def targets_for(organisation: Organisation) -> ResponseTargets:
    targets, _created = ResponseTargets.objects.get_or_create(organisation=organisation)
    return targets


def targets_set(
    *, organisation: Organisation, by: User, acknowledge_within_days: int, answer_within_days: int
) -> ResponseTargets:
    if not 1 <= acknowledge_within_days <= answer_within_days <= 365:
        raise ValidationError(
            {
                "answer_within_days": _(
                    "Answer within 1 to 365 days, and no sooner than you acknowledge."
                )
            }
        )
    targets = targets_for(organisation)
    targets.acknowledge_within_days = acknowledge_within_days
    targets.answer_within_days = answer_within_days
    targets.save()
    return targets


@transaction.atomic
def item_create(
    *,
    organisation: Organisation,
    by: User,
    details: Mapping[str, Any],
    people: Iterable[Person] = (),
    initiative: Any = None,
    came_from: str = "",
    came_from_url: str = "",
    came_from_key: str = "",
) -> InfluenceItem:
    """Record something people raised, by one or more people, a group, or both; with
    `came_from`, where in Coproduce it was raised (and its address); with
    `came_from_key`, the record it came from, which makes one item only (409)."""
    people = list(people)
    if any(p.organisation_id != organisation.pk for p in people):
        raise ValidationError({"raised_by_people": _("Choose people from this organisation.")})
    if initiative is not None and initiative.organisation_id != organisation.pk:
        raise ValidationError({"initiative": _("Choose an initiative of this organisation.")})
    if not people and not str(details.get("raised_by_group", "")).strip():
        raise ValidationError(
            {"raised_by_group": _("Say who raised it: choose the people, or name the group.")}
        )
    raised_on = details.get("raised_on") or timezone.localdate()
    if raised_on > timezone.localdate():
        raise ValidationError({"raised_on": _("The date raised cannot be in the future.")})
    item = InfluenceItem(
        organisation=organisation,
        initiative=initiative,
        created_by=by,
        came_from=came_from[:200],
        came_from_url=came_from_url[:300],
        came_from_key=came_from_key,
        **{k: v for k, v in details.items() if k in ITEM_FIELDS},
    )
    if (
        came_from_key
        and InfluenceItem.objects.filter(
            organisation=organisation, came_from_key=came_from_key
        ).exists()
    ):
        raise conflict("title", _("This is on the log already."))
    item.full_clean(exclude=["organisation", "initiative", "created_by"])
    item.save()
    item.raised_by_people.set(people)
    audit_record(
        organisation=organisation, actor=by, action=AuditAction.INFLUENCE_CREATE, target=item
    )
    return item


def _message(item: InfluenceItem) -> str:
    label = ItemStatus(item.status).label
    text = _('You raised: "%(title)s". It is now: %(status)s.') % {
        "title": item.title,
        "status": label,
    }
    if item.status == ItemStatus.NOT_CHANGED:
        text += " " + _("Why: %(reason)s") % {"reason": item.reason_not_changed}
    elif item.response:
        text += " " + item.response
    return text


# Statuses in the order an item moves through them; the two answers come last together.
STATUS_ORDER = {
    ItemStatus.RAISED: 0,
    ItemStatus.ACKNOWLEDGED: 1,
    ItemStatus.IN_PROGRESS: 2,
    ItemStatus.CHANGED: 3,
    ItemStatus.NOT_CHANGED: 3,
}


def _goes_back(old: str, new: str) -> bool:
    """Moving an item back, or changing the answer it was given, needs a reason."""
    return STATUS_ORDER[ItemStatus(new)] <= STATUS_ORDER[ItemStatus(old)]


@transaction.atomic
def item_set_status(
    *,
    item: InfluenceItem,
    by: User,
    status: str,
    note: str = "",
    response: str | None = None,
    evidence: str | None = None,
    reason_not_changed: str | None = None,
    on: datetime.date | None = None,
) -> InfluenceItem:
    """Move an item on, record why, and tell everyone who raised it."""
    if status not in ItemStatus.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    item = InfluenceItem.objects.select_for_update().get(pk=item.pk)
    if item.status == status:
        raise conflict("status", _("The item already has this status."))
    if _goes_back(item.status, status) and not note.strip():
        raise ValidationError(
            {
                "note": _(
                    "Say why it goes back from %(old)s to %(new)s: the people who raised it "
                    "will see it."
                )
                % {"old": ItemStatus(item.status).label, "new": ItemStatus(status).label}
            }
        )
    day = on or timezone.localdate()
    if response is not None:
        item.response = response.strip()
    if evidence is not None:
        item.evidence = evidence.strip()
    if reason_not_changed is not None:
        item.reason_not_changed = reason_not_changed.strip()
    if status == ItemStatus.NOT_CHANGED and not item.reason_not_changed:
        raise ValidationError(
            {"reason_not_changed": _("Say why it was not changed: people deserve to know.")}
        )
    if status != ItemStatus.RAISED and item.acknowledged_on is None:
        item.acknowledged_on = day
    item.answered_on = day if status in ANSWERED else None
    old = item.status
    item.status = status
    item.save()
    StatusChange.objects.create(
        organisation=item.organisation,
        item=item,
        from_status=old,
        to_status=status,
        note=note.strip(),
        changed_by=by,
    )
    audit_record(
        organisation=item.organisation,
        actor=by,
        action=AuditAction.INFLUENCE_STATUS,
        target=item,
        changes={"status": [old, status]},
    )
    _tell_people(item, by)
    return item


def _tell_people(item: InfluenceItem, by: User) -> None:
    """Tell everyone who raised it, each in their own way, through the outbox."""
    queue_for(
        organisation=item.organisation,
        people=item.raised_by_people.all(),
        kind=Kind.INFLUENCE_UPDATE,
        letter=Letter(
            "messages/influence_update",
            {"item": item, "status": ItemStatus(item.status).label, "summary": _message(item)},
            personalisation={"raised": item.title, "status": str(ItemStatus(item.status).label)},
        ),
        caused_by=by,
    )


@transaction.atomic
def said_to_item(
    *, organisation: Organisation, said: Said, by: User, title: str, addressed_to: str
) -> InfluenceItem:
    """Put what people said on the log, once (409 the second time), raised by a group so
    nobody is named, linking back to where it was said."""
    return item_create(
        organisation=organisation,
        by=by,
        details={
            "title": title,
            "description": said.words,
            "addressed_to": addressed_to,
            "raised_by_group": said.group[:200],
            "raised_on": min(said.raised_on, timezone.localdate()),
        },
        initiative=said.initiative,
        came_from=said.came_from,
        came_from_url=said.url,
        came_from_key=said.key,
    )
