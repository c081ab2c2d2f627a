"""Who takes part, by ethnic group, age, gender, disability and lived experience, against
who the organisation serves. Only people whose agreement to keep this information is
current are counted; every count is published through `suppression`."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from coproduce.core.models import Organisation
from coproduce.initiatives.models import Initiative, TeamMember
from coproduce.insight.models import Dimension, ReferenceGroup, ReferenceSource
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
from coproduce.sessions.queries import held_between, quarter_of, quarters_between
from coproduce.web.plain import whole

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
    recorded: Published = field(default_factory=lambda: Published(0))

    @property
    def key(self) -> str:
        return f"{self.activity}-{self.dimension}".replace("_", "-")

    @property
    def caption(self) -> str:
        labels = dict(activities()) | dimension_labels()
        return f"{labels[self.activity]}: {str(labels[self.dimension]).lower()}"

    @property
    def compares(self) -> bool:
        """Whether the table has the area's figures beside it (lived experience has none)."""
        return self.dimension != "lived_experience"

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


def dimension_labels() -> dict[str, str]:
    return {str(k): str(v) for k, v in Dimension.choices} | {
        "lived_experience": str(_("Lived experience"))
    }


@dataclass
class Trend:
    """Each group's share of those who took part, quarter by quarter."""

    dimension: str
    quarters: list[datetime.date]
    recorded: list[Published]  # people with the information recorded, each quarter
    rows: list[tuple[str, list[int | None], Any]]  # group, its shares, the area's share

    @property
    def caption(self) -> str:
        return _("Quarter by quarter: %(dimension)s") % {
            "dimension": str(dimension_labels()[self.dimension]).lower()
        }


@dataclass
class Participation:
    since: datetime.date
    until: datetime.date
    tables: list[Table]  # for the activity asked about
    gaps: list[str]  # who is missing from those taking part
    source: str = ""
    trend: Trend | None = None


def reference_shares(organisation: Organisation) -> dict[tuple[str, str], Decimal]:
    """The area's share of each (dimension, category), in per cent, as entered."""
    return {
        (r.dimension, r.category): r.share
        for r in ReferenceGroup.objects.filter(organisation=organisation)
    }


def reference_source(organisation: Organisation) -> str:
    found = ReferenceSource.objects.filter(organisation=organisation).first()
    return found.source if found else ""


def _attended(
    organisations: list[Organisation],
    since: datetime.date,
    until: datetime.date,
    initiative: Initiative | None = None,
) -> list[tuple[int, bool, str, int]]:
    """Every attendance in the period as (person, spoke, role, quarter), read once: the
    activities and the quarters are worked out from these rows rather than by reading the
    registers again for each."""
    attended = Attendance.objects.filter(
        held_between(since, until, via="session__"), organisation__in=organisations
    )
    if initiative is not None:
        attended = attended.filter(session__initiative=initiative)
    return list(
        attended.annotate(quarter=quarter_of(since, until, via="session__")).values_list(
            "person_id", "spoke", "role", "quarter"
        )
    )


def people_by_activity(
    organisations: list[Organisation],
    since: datetime.date,
    until: datetime.date,
    attended: list[tuple[int, bool, str, int]],
    initiative: Initiative | None = None,
) -> dict[str, set[int]]:
    """The people who did each thing in the period, by id (people records belong to one
    organisation each, so ids from several never collide). For one initiative: its
    sessions, its team and the recognition for its sessions (opportunities belong to no
    initiative, so being selected for one counts only for the whole organisation)."""
    period = (since, until)
    held = {person for person, _spoke, role, _q in attended if role in LEADING}
    team = TeamMember.objects.filter(organisation__in=organisations, joined_on__lte=until)
    recognised = Award.objects.filter(
        organisation__in=organisations, status=AwardStatus.APPROVED, happened_on__range=period
    )
    if initiative is not None:
        team = team.filter(initiative=initiative)
        recognised = recognised.filter(attendance__session__initiative=initiative)
    else:
        held |= set(
            Interest.objects.filter(
                organisation__in=organisations,
                status=InterestStatus.SELECTED,
                opportunity__closes_on__range=period,
            ).values_list("person_id", flat=True)
        )
    held |= set(
        team.filter(Q(left_on__isnull=True) | Q(left_on__gte=since)).values_list(
            "person_id", flat=True
        )
    )
    return {
        "took_part": {person for person, *_rest in attended},
        "spoke": {person for person, spoke, *_rest in attended if spoke},
        "held_roles": held,
        "recognised": set(recognised.values_list("person_id", flat=True)),
    }


def _equality(
    organisations: list[Organisation], people: set[int]
) -> dict[int, SpecialCategoryData]:
    """Equality information for these people, only where their agreement is current."""
    # The organisations' rows, filtered here: a list of thousands of ids in the query
    # would cost more than the rows it leaves out.
    rows = SpecialCategoryData.objects.filter(
        organisation__in=organisations,
        consent__withdrawn_at__isnull=True,
        person__erased_at__isnull=True,
    ).only("person_id", *CHOICES, "lived_experience")
    return {row.person_id: row for row in rows if row.person_id in people}


def _count(
    dimension: str, people: set[int], equality: dict[int, SpecialCategoryData]
) -> Counter[str]:
    counts: Counter[str] = Counter()
    for person in people & equality.keys():
        data = equality[person]
        if dimension == "lived_experience":
            counts.update(data.lived_experience)
        elif getattr(data, dimension):
            counts[getattr(data, dimension)] += 1
    return counts


def _choices(dimension: str) -> list[tuple[str, Any]]:
    choices: list[tuple[str, Any]] = (
        LivedExperience if dimension == "lived_experience" else CHOICES[dimension]
    ).choices
    return choices


def _table(
    activity: str,
    dimension: str,
    people: set[int],
    equality: dict[int, SpecialCategoryData],
    reference: dict[tuple[str, str], Decimal],
) -> Table:
    counts = _count(dimension, people, equality)
    total = publish(len(people))
    recorded = len(people & equality.keys())
    table = Table(activity, dimension, total, not_recorded=publish(len(people) - recorded))
    # Shares are of the people whose information is recorded, as the area's are of
    # everyone who answered the census.
    out_of = publish(recorded)
    table.recorded = out_of
    for value, label in _choices(dimension):
        count = publish(counts.get(value, 0))
        table.rows.append(
            Row(value, str(label), count, share(count, out_of), reference.get((dimension, value)))
        )
    return table


def participation(
    organisation: Organisation,
    since: datetime.date,
    until: datetime.date,
    activity: str = "took_part",
    members: list[Organisation] | None = None,
    over_time: str = "ethnicity",
    initiative: Initiative | None = None,
) -> Participation:
    """One activity's tables, one for each dimension, and who is missing from those taking
    part (measured on taking part, whichever activity is shown). A network passes the
    members its figures count (`network.network_scope`); the area is the network's."""
    counted = [organisation, *(members or [])]
    attended = _attended(counted, since, until, initiative)
    by_activity = people_by_activity(counted, since, until, attended, initiative)
    equality = _equality(counted, set().union(*by_activity.values()))
    reference = reference_shares(organisation)

    def tables(of: str) -> list[Table]:
        return [
            _table(of, dimension, by_activity[of], equality, reference)
            for dimension in [*CHOICES, "lived_experience"]
        ]

    shown = tables(activity)
    took_part = shown if activity == "took_part" else tables("took_part")
    found = Participation(
        since, until, shown, gaps_in_words(took_part), reference_source(organisation)
    )
    found.trend = _trend(since, until, attended, over_time, equality, reference)
    return found


def _trend(
    since: datetime.date,
    until: datetime.date,
    attended: list[tuple[int, bool, str, int]],
    dimension: str,
    equality: dict[int, SpecialCategoryData],
    reference: dict[tuple[str, str], Decimal],
) -> Trend:
    """Who took part each quarter: shares of the people recorded, from published counts
    only, like every other figure here."""
    starts = quarters_between(since, until)
    by_quarter: dict[datetime.date, set[int]] = defaultdict(set)
    for person, _spoke, _role, quarter in attended:
        by_quarter[starts[quarter]].add(person)
    quarters = sorted(by_quarter)
    counts = [_count(dimension, by_quarter[q], equality) for q in quarters]
    recorded = [publish(len(by_quarter[q] & equality.keys())) for q in quarters]
    rows = [
        (
            str(label),
            [share(publish(c.get(value, 0)), r) for c, r in zip(counts, recorded, strict=True)],
            reference.get((dimension, value)),
        )
        for value, label in _choices(dimension)
    ]
    return Trend(dimension, quarters, recorded, rows)


@dataclass(frozen=True)
class Gap:
    """A group well below its share of the area among those taking part: `part` is its
    share of them, or None when fewer than 5 of them are in it."""

    dimension: str
    category: str
    area: int
    part: int | None

    def __str__(self) -> str:
        group = dict(_choices(self.dimension)).get(self.category, self.category)
        if self.part is None:
            said = _("%(group)s: %(area)s%% of the area, and fewer than 5 of those taking part.")
        else:
            said = _("%(group)s: %(area)s%% of the area, and %(part)s%% of those taking part.")
        return said % {"group": group, "area": self.area, "part": self.part}


def gap_facts(tables: list[Table]) -> list[Gap]:
    """Where a group's share of those taking part falls well below its share of the area:
    at least 5 points lower and less than two thirds of it."""
    gaps = []
    for table in tables:
        for row in table.rows:
            if row.reference is None or row.reference < 5:
                continue
            area = whole(row.reference)
            taking_part = row.share
            if row.count.hidden:
                gaps.append(Gap(table.dimension, row.category, area, None))
            elif taking_part is not None and area - taking_part >= 5 and taking_part < area * 2 / 3:
                gaps.append(Gap(table.dimension, row.category, area, taking_part))
    return gaps


def gaps_in_words(tables: list[Table]) -> list[str]:
    return [str(gap) for gap in gap_facts(tables)]
