"""Reads for "you said, we did": lists, overdue items and the figures that show the loop closing."""

from __future__ import annotations

import datetime
import statistics
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.core.models import Organisation
from coproduce.core.prepared import Prepared
from coproduce.core.tenancy import scoped
from coproduce.influence.models import (
    ANSWERED,
    InfluenceItem,
    ItemStatus,
    ResponseTargets,
)


@dataclass(frozen=True)
class Said:
    """Something people said somewhere in Coproduce (a conversation, a survey answer, a
    coded passage, a story, a workshop) as an item would carry it: `key` names the
    record, so it makes one item; `title` suggests the item's title."""

    key: str
    words: str
    group: str
    came_from: str
    url: str
    raised_on: datetime.date
    title: str = ""
    initiative: Any = None


def item_from(organisation: Organisation, said: Said) -> InfluenceItem | None:
    """The item this record already made, if it made one."""
    return InfluenceItem.objects.filter(organisation=organisation, came_from_key=said.key).first()


def items_in(
    organisation: Organisation, *, status: str = "", initiative_id: int | None = None
) -> QuerySet[InfluenceItem]:
    items = scoped(InfluenceItem.objects.all(), organisation).select_related(
        "initiative", "organisation"
    )
    if status:
        items = items.filter(status=status)
    if initiative_id is not None:
        items = items.filter(initiative_id=initiative_id)
    return items


def item_in(*, organisation: Organisation, pk: Any) -> InfluenceItem:
    try:
        return (
            items_in(organisation)
            .prefetch_related("raised_by_people", "history__changed_by")
            .get(pk=int(pk))
        )
    except (InfluenceItem.DoesNotExist, ValueError, TypeError, OverflowError) as error:
        raise Http404("No item found.") from error


_TARGETS = Prepared(
    ResponseTargets,
    lambda organisation: ResponseTargets.objects.filter(organisation_id=organisation)[:1],
    organisation=int,
)


def targets_of(organisation: Organisation) -> ResponseTargets:
    """Its promised response times, or the defaults, without saving anything: for pages
    that only read them (`services.targets_for` keeps a row for those that change them)."""
    found = _TARGETS(organisation=organisation.pk)
    return found[0] if found else ResponseTargets(organisation=organisation)


def overdue(
    item: InfluenceItem, targets: ResponseTargets, today: datetime.date | None = None
) -> str | None:
    """Which promise an open item has missed: "acknowledge", "answer", or None."""
    today = today or timezone.localdate()
    if item.status in ANSWERED:
        return None
    waited = (today - item.raised_on).days
    if item.acknowledged_on is None and waited > targets.acknowledge_within_days:
        return "acknowledge"
    if waited > targets.answer_within_days:
        return "answer"
    return None


@dataclass(frozen=True)
class Figures:
    total: int
    answered: int
    answered_within_target: float | None
    led_to_change: float | None
    median_days_to_answer: float | None
    overdue: int


def figures_for(
    organisation: Organisation, targets: ResponseTargets, today: datetime.date | None = None
) -> Figures:
    """Share answered within target, share that led to change, median days to answer."""
    rows = list(
        scoped(InfluenceItem.objects.all(), organisation).values_list(
            "status", "raised_on", "acknowledged_on", "answered_on"
        )
    )
    days = [
        (answered - raised).days
        for status, raised, _ack, answered in rows
        if status in ANSWERED and answered is not None
    ]
    changed = sum(1 for status, *_rest in rows if status == ItemStatus.CHANGED)
    today = today or timezone.localdate()
    late = 0
    for status, raised, acknowledged, _answered in rows:
        item = InfluenceItem(status=status, raised_on=raised, acknowledged_on=acknowledged)
        late += overdue(item, targets, today) is not None
    return Figures(
        total=len(rows),
        answered=len(days),
        answered_within_target=(
            sum(1 for d in days if d <= targets.answer_within_days) / len(days) if days else None
        ),
        led_to_change=changed / len(days) if days else None,
        median_days_to_answer=statistics.median(days) if days else None,
        overdue=late,
    )


def public_items(
    organisation: Organisation, initiative_id: int | None = None
) -> QuerySet[InfluenceItem]:
    """What anyone may see: public items only, and never who raised them by name."""
    items = scoped(InfluenceItem.objects.filter(is_public=True), organisation)
    if initiative_id is not None:
        items = items.filter(initiative_id=initiative_id)
    return items.select_related("initiative").only(
        "title",
        "description",
        "addressed_to",
        "raised_by_group",
        "raised_on",
        "status",
        "response",
        "evidence",
        "reason_not_changed",
        "answered_on",
        "initiative__title",
    )


def item_rows(items: QuerySet[InfluenceItem], targets: ResponseTargets) -> Iterator[list[Any]]:
    """The "you said, we did" log as a table to download. The people who raised each
    item are not named in it: the group is."""
    missed = {"acknowledge": _("Not acknowledged in time"), "answer": _("Not answered in time")}
    yield [
        _("Date raised"),
        _("What was raised"),
        _("What people said"),
        _("Who it was raised with"),
        _("Group that raised it"),
        _("Initiative"),
        _("Status"),
        _("Acknowledged on"),
        _("Answered on"),
        _("Our response"),
        _("Evidence of the change"),
        _("Why it was not changed"),
        _("Overdue"),
        _("On the public board"),
    ]
    for item in items.iterator(chunk_size=2000):
        late = overdue(item, targets)
        yield [
            item.raised_on,
            item.title,
            item.description,
            item.addressed_to,
            item.raised_by_group,
            item.initiative.title if item.initiative else "",
            item.get_status_display(),
            item.acknowledged_on or "",
            item.answered_on or "",
            item.response,
            item.evidence,
            item.reason_not_changed,
            missed[late] if late else "",
            _("Yes") if item.is_public else _("No"),
        ]
