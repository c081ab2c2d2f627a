"""Demo "you said, we did" items, one or more in every status, retold from the sources."""

from __future__ import annotations

import datetime
from typing import Any

from coproduce.core.models import Organisation, User
from coproduce.influence import services
from coproduce.people.models import Person

# org, title, said, raised with, people, group, raised on, [(status, days after, fields)], public
ITEMS: list[tuple[Any, ...]] = [
    (
        "wy-network",
        "Keep the complex needs worker in the rural end of the district",
        "When the outreach post ended, people would have had to travel 13 miles to get support.",
        "Local commissioners",
        ["Dazza", "Jo"],
        "Calderdale members",
        "2026-01-12",
        [
            ("acknowledged", 5, {}),
            (
                "changed",
                40,
                {
                    "response": "The commissioners kept the post.",
                    "evidence": "Funding for the post was extended in the commissioners' March decision.",
                },
            ),
        ],
        True,
    ),
    (
        "wy-network",
        "Therapy for people who still use drugs or alcohol",
        "Mainstream therapy turns people away until they are sober; we need something more "
        "flexible.",
        "The clinical commissioning group",
        ["Imran"],
        "Regional Network",
        "2026-04-20",
        [
            ("acknowledged", 10, {}),
            (
                "in_progress",
                30,
                {
                    "response": "A commissioner is discussing funding a flexible service with the NHS."
                },
            ),
        ],
        True,
    ),
    (
        "wy-network",
        "Open the Regional Network to the wider recovery community",
        "Attendance has fallen from about 30 to 8 or 10; let more people in, as Bradford did.",
        "Programme board",
        ["Gaz"],
        "",
        "2026-09-02",
        [],
        False,
    ),
    (
        "wandle-cen",
        "Travel money comes weeks too late",
        "Some of us cannot afford to come if we pay first and wait to be paid back.",
        "Wandle network coordinators",
        ["Priya", "Hamid", "Fatima"],
        "Forum members",
        "2026-03-05",
        [
            ("acknowledged", 3, {}),
            (
                "changed",
                60,
                {
                    "response": "Travel is now paid up front, or tickets are bought for you.",
                    "evidence": "New expenses rule agreed by the network board in May.",
                },
            ),
        ],
        True,
    ),
    (
        "wandle-cen",
        "Evening sessions at the mental health trust",
        "Many of us work or care for children during the day.",
        "South Wandle Mental Health NHS Trust",
        ["Leah"],
        "",
        "2026-05-14",
        [
            ("acknowledged", 7, {}),
            (
                "not_changed",
                45,
                {
                    "reason_not_changed": "The trust's building closes at 6pm. Instead, evening sessions "
                    "now run at St Barnabas, which stays open."
                },
            ),
        ],
        True,
    ),
    (
        "wandle-cen",
        "A quiet room at every forum",
        "Big meetings are overwhelming for some of us.",
        "Wandle network coordinators",
        ["Aisha"],
        "",
        "2026-10-30",
        [("acknowledged", 2, {})],
        False,
    ),
]


def load_demo_influence(*, orgs: dict[str, Organisation], by: User) -> None:
    for slug, title, said, raised_with, names, group, raised_on, steps, public in ITEMS:
        org = orgs[slug]
        raised = datetime.date.fromisoformat(raised_on)
        people = list(Person.objects.filter(organisation=org, preferred_name__in=names))
        item = services.item_create(
            organisation=org,
            by=by,
            people=people,
            details={
                "title": title,
                "description": said,
                "addressed_to": raised_with,
                "raised_by_group": group,
                "raised_on": raised,
                "is_public": public,
            },
        )
        for status, days_after, fields in steps:
            services.item_set_status(
                item=item,
                by=by,
                status=status,
                on=raised + datetime.timedelta(days=days_after),
                **fields,
            )
