"""Who takes part, by ethnic group, age, gender, disability and lived experience, against
who the organisation serves. Only people whose agreement to keep this information is
current are counted; every count is published through `suppression`."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from coproduce.core.models import Organisation
from coproduce.initiatives.models import TeamMember
from coproduce.insight.models import Dimension, ReferenceGroup
from coproduce.insight.suppression import Published, publish, share
from coproduce.opportunities.models import Interest, InterestStatus
from coproduce.people.models import (
    AgeBand,
    Disability,
    Ethnicity,
    Gender,
    LivedExperience,
    SpecialCategoryData,
)
from coproduce.recognition.models import Award, AwardStatus
from coproduce.sessions.models import Attendance, RoleOnDay

CHOICES: dict[str, Any] = {
    Dimension.ETHNICITY: Ethnicity,
    Dimension.AGE_BAND: AgeBand,
    Dimension.GENDER: Gender,
    Dimension.DISABILITY: Disability,
}
# Roles on the day that lead rather than take part.
LEADING = (RoleOnDay.CO_CHAIR, RoleOnDay.FACILITATOR, RoleOnDay.SPEAKER)


def activities() -> list[tuple[str, str]]:
    return [
        ("took_part", _("Took part")),
        ("spoke", _("Spoke")),
        ("held_roles", _("Held a role")),
        ("recognised", _("Were recognised")),
    ]


@dataclass
class Row:
    category: str
    label: str
    count: Published
    share: int | None
    reference: Any = None  # the area's share, as entered


@dataclass
class Table:
    activity: str
    dimension: str
    total: Published
    rows: list[Row] = field(default_factory=list)
    not_recorded: Published = field(default_factory=lambda: Published(0))

    @property
    def key(self) -> str:
        return f"{self.activity}-{self.dimension}".replace("_", "-")

    @property
    def chart(self) -> dict[str, object]:
        """Each group's share of those taking part beside its share of the area, for a bar
        chart beside the table (hidden counts have no share, and draw as none)."""
        return {
            "labels": [row.label for row in self.rows],
            "datasets": [
                {"label": str(_("Taking part")), "data": [row.share or 0 for row in self.rows]},
                {
                    "label": str(_("The area")),
                    "data": [float(row.reference or 0) for row in self.rows],
                },
            ],
            "axis": str(_("Share (%)")),
        }


@dataclass
class Participation:
    since: datetime.date
    until: datetime.date
    people: dict[str, Published]
    tables: list[Table]
    gaps: list[str]
    source: str = ""


def people_by_activity(
    organisation: Organisation, since: datetime.date, until: datetime.date
) -> dict[str, set[int]]:
    """The people who did each thing in the period, by id."""
    attended = Attendance.objects.filter(
        organisation=organisation,
        session__starts_at__date__gte=since,
        session__starts_at__date__lte=until,
    )
    took_part = set(attended.values_list("person_id", flat=True))
    spoke = set(attended.filter(spoke=True).values_list("person_id", flat=True))
    held = set(attended.filter(role__in=LEADING).values_list("person_id", flat=True))
    held |= set(
        TeamMember.objects.filter(organisation=organisation, joined_on__lte=until)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=since))
        .values_list("person_id", flat=True)
    )
    held |= set(
        Interest.objects.filter(
            organisation=organisation,
            status=InterestStatus.SELECTED,
            opportunity__closes_on__gte=since,
            opportunity__closes_on__lte=until,
        ).values_list("person_id", flat=True)
    )
    recognised = set(
        Award.objects.filter(
            organisation=organisation,
            status=AwardStatus.APPROVED,
            happened_on__gte=since,
            happened_on__lte=until,
        ).values_list("person_id", flat=True)
    )
    return {"took_part": took_part, "spoke": spoke, "held_roles": held, "recognised": recognised}


def _equality(organisation: Organisation, people: set[int]) -> dict[int, SpecialCategoryData]:
    """Equality information for these people, only where their agreement is current."""
    # The organisation's rows, filtered here: a list of thousands of ids in the query
    # would cost more than the rows it leaves out.
    rows = SpecialCategoryData.objects.filter(
        organisation=organisation,
        consent__withdrawn_at__isnull=True,
        person__erased_at__isnull=True,
    ).only("person_id", *CHOICES, "lived_experience")
    return {row.person_id: row for row in rows if row.person_id in people}


def _table(
    activity: str,
    dimension: str,
    people: set[int],
    equality: dict[int, SpecialCategoryData],
    reference: dict[tuple[str, str], Any],
) -> Table:
    counts: Counter[str] = Counter()
    for person in people:
        data = equality.get(person)
        if data is None:
            continue
        values = (
            data.lived_experience if dimension == "lived_experience" else [getattr(data, dimension)]
        )
        counts.update(v for v in values if v)
    recorded = sum(1 for person in people if person in equality)
    total = publish(len(people))
    table = Table(activity, dimension, total, not_recorded=publish(len(people) - recorded))
    choices = LivedExperience if dimension == "lived_experience" else CHOICES[dimension]
    for value, label in choices.choices:
        count = publish(counts.get(value, 0))
        table.rows.append(
            Row(value, str(label), count, share(count, total), reference.get((dimension, value)))
        )
    return table


def participation(
    organisation: Organisation, since: datetime.date, until: datetime.date
) -> Participation:
    by_activity = people_by_activity(organisation, since, until)
    everyone = set().union(*by_activity.values())
    equality = _equality(organisation, everyone)
    reference = {
        (r.dimension, r.category): r.share
        for r in ReferenceGroup.objects.filter(organisation=organisation)
    }
    dimensions = [*CHOICES, "lived_experience"]
    tables = [
        _table(activity, dimension, by_activity[activity], equality, reference)
        for activity, _label in activities()
        for dimension in dimensions
    ]
    source = getattr(getattr(organisation, "reference_source", None), "source", "")
    return Participation(
        since,
        until,
        {activity: publish(len(people)) for activity, people in by_activity.items()},
        tables,
        gaps_in_words([t for t in tables if t.activity == "took_part"]),
        source,
    )


def gaps_in_words(tables: list[Table]) -> list[str]:
    """Where a group's share of those taking part falls well below its share of the area:
    at least 5 points lower and less than two thirds of it."""
    gaps = []
    for table in tables:
        for row in table.rows:
            if row.reference is None or row.reference < 5:
                continue
            area = round(row.reference)
            taking_part = row.share
            if row.count.hidden:
                said = _(
                    "%(group)s: %(area)s%% of the area, and fewer than 5 of those taking part."
                )
            elif taking_part is not None and area - taking_part >= 5 and taking_part < area * 2 / 3:
                said = _("%(group)s: %(area)s%% of the area, and %(part)s%% of those taking part.")
            else:
                continue
            gaps.append(said % {"group": row.label, "area": area, "part": taking_part})
    return gaps
