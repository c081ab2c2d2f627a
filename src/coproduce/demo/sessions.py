"""Demo sessions over seven months, with attendance shaped like the sources' stories:
the regional network falling from about 30 to under 10 (003:L164), the Bradford group
steady at about 12, and the Wandle forum meeting monthly in community venues."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal

from coproduce.core.models import Organisation, User
from coproduce.initiatives.models import Initiative
from coproduce.people.models import ConsentPurpose, Person
from coproduce.people.services import consent_record, person_create, special_category_save
from coproduce.sessions import services

EXTRA_NAMES = [
    "Abdul",
    "Bryony",
    "Carl",
    "Danielle",
    "Emeka",
    "Fiona",
    "Gareth",
    "Hana",
    "Ian",
    "Jade",
    "Kieran",
    "Lola",
    "Mick",
    "Nia",
    "Owen",
    "Paula",
    "Rashid",
    "Sue",
    "Terry",
    "Uma",
    "Vince",
    "Wendy",
    "Yusuf",
    "Zara",
    "Barry",
    "Cheryl",
]
MONTHS = [datetime.datetime(2026, month, 14, 13, 0, tzinfo=datetime.UTC) for month in range(5, 12)]
REGIONAL_ATTENDANCE = [30, 26, 22, 17, 13, 10, 9]
BRADFORD_ATTENDANCE = [11, 12, 13, 12, 12, 11, 12]
WANDLE_ATTENDANCE = [12, 14, 13, 11, 14, 13, 12]


def _people(
    org: Organisation, by: User, wanted: int, ethnicities: Sequence[str] = ()
) -> list[Person]:
    """The organisation's people, with more made up to reach `wanted`; the new ones agree
    to their ethnic group being kept, in turn from `ethnicities` (none if empty)."""
    people = list(Person.objects.filter(organisation=org).order_by("id"))
    for n, name in enumerate(EXTRA_NAMES[: max(0, wanted - len(people))]):
        person = person_create(organisation=org, by=by, details={"preferred_name": name})
        if ethnicities:
            consent_record(
                person=person,
                purpose=ConsentPurpose.SPECIAL_CATEGORY,
                given_on=datetime.date(2026, 4, 20),
                by=by,
            )
            group = ethnicities[n % len(ethnicities)]
            special_category_save(person=person, by=by, values={"ethnicity": group})
        people.append(person)
    return people


def _series(
    org: Organisation,
    by: User,
    *,
    title: str,
    kind: str,
    venue: str,
    attendance: list[int],
    initiative: Initiative | None = None,
    co: str = "",
    rung: str = "",
    agenda: Sequence[tuple[str, str]] = (),
    ethnicities: Sequence[str] = (),
) -> None:
    people = _people(org, by, max(attendance), ethnicities)
    for when, count in zip(MONTHS, attendance, strict=True):
        session = services.session_create(
            organisation=org,
            by=by,
            initiative=initiative,
            invitees=people,
            details={
                "title": title,
                "kind": kind,
                "starts_at": when,
                "hours": Decimal("2"),
                "venue": venue,
                "venue_access": "Step-free entrance, hearing loop, quiet room.",
                "co": co,
                "rung": rung,
                "shares_lived_experience": kind == "forum",
                "debrief_offered": kind == "forum",
            },
        )
        for agenda_title, proposed_by in agenda:
            services.agenda_item_add(
                session=session, by=by, title=agenda_title, proposed_by=proposed_by
            )
        # A different mix of people each month, as in real life.
        start = when.month % len(people)
        present = (people[start:] + people[:start])[:count]
        services.register_save(session=session, by=by, present=present)


def load_demo_sessions(*, orgs: dict[str, Organisation], by: User) -> None:
    regional = Initiative.objects.get(organisation=orgs["wy-network"], title="Regional Network")
    _series(
        orgs["wy-network"],
        by,
        initiative=regional,
        title="Regional Network meeting",
        kind="meeting",
        venue="Community hall, Leeds",
        attendance=REGIONAL_ATTENDANCE,
        co="co-design",
        rung="engagement",
        agenda=[("Terms of reference", "community"), ("Research opportunities", "staff")],
    )
    bradford = Initiative.objects.filter(organisation=orgs["wy-bradford"]).first()
    _series(
        orgs["wy-bradford"],
        by,
        title="Wellbeing group",
        kind="forum",
        venue="Recovery cafe, Bradford",
        attendance=BRADFORD_ATTENDANCE,
        initiative=bradford,
        co="co-delivery",
        rung="co-production",
        agenda=[("Reading session", "community"), ("Resilience", "community")],
    )
    family = Initiative.objects.get(
        organisation=orgs["wandle-cen"], title="Family therapy network with faith leaders"
    )
    _series(
        orgs["wandle-cen"],
        by,
        title="Faith leaders and families forum",
        kind="forum",
        venue="St Barnabas church hall",
        attendance=WANDLE_ATTENDANCE,
        initiative=family,
        co="co-design",
        rung="co-production",
        agenda=[
            ("What families tell us", "community"),
            ("Referral routes", "staff"),
            ("Next month's theme", "community"),
        ],
    )
    # Two of the network's members run groups of their own.
    _series(
        orgs["st-barnabas"],
        by,
        title="Family support group",
        kind="forum",
        venue="St Barnabas church hall",
        attendance=[7, 8, 6, 9, 8, 7, 8],
        co="co-delivery",
        rung="co-production",
        ethnicities=["black", "white", "black", "white", "asian"],
    )
    _series(
        orgs["al-noor"],
        by,
        title="Welfare drop-in",
        kind="meeting",
        venue="Al-Noor community room",
        attendance=[5, 6, 6, 5, 7, 6, 6],
        co="co-delivery",
        rung="consultation",
        ethnicities=["asian", "asian", "black", "asian"],
    )
    # Phase 0: trust-building with community leaders, recorded before the initiative began.
    services.session_create(
        organisation=orgs["wandle-cen"],
        by=by,
        initiative=family,
        details={
            "title": "Meeting with faith leaders over tea",
            "kind": "trust_building",
            "starts_at": datetime.datetime(2025, 7, 10, 17, tzinfo=datetime.UTC),
            "hours": Decimal("1.5"),
            "venue": "Shree Ganesh Temple",
            "co": "co-design",
            "rung": "engagement",
        },
    )
