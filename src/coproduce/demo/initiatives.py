"""Demo initiatives modelled on the sources, with teams and planning tools filled in."""

from __future__ import annotations

import datetime
from typing import Any

from coproduce.core.models import Organisation, User
from coproduce.initiatives import services
from coproduce.initiatives.models import TeamMember
from coproduce.people.models import Person

INITIATIVES: list[dict[str, Any]] = [
    {
        "org": "wandle-cen",
        "title": "Family therapy network with faith leaders",
        "summary": "Faith leaders and family therapists train together so that families can "
        "get help through the places of worship they already trust.",
        "service_area": "mental_health",
        "status": "active",
        "stage": "people-it",
        "starts_on": "2025-09-01",
        "planning": "shared",
        "delivery": "shared",
        "participation": "transformative",
        "level": "service",
        "partners": ["st-barnabas", "al-noor", "south-wandle-mht"],
        "team": [
            ("Pastor Joseph", "co_chair"),
            ("Amara", "co_chair"),
            ("Rev. Ruth", "champion"),
            ("Kofi", "connector"),
        ],
        "stakeholders": [
            ("Trust's senior leadership team", True, True, "supportive", True),
            ("Council commissioners", True, False, "neutral", True),
            ("Faith leaders' forum", False, True, "supportive", True),
            ("Mosque management committee", False, True, "unknown", False),
            ("Families using the service", False, False, "unknown", False),
        ],
        "priorities": [
            ("Joint training day for faith leaders and therapists", 4, 1, False),
            ("Sessions in church and mosque halls", 3, 2, False),
            ("A dedicated community therapy building", 2, 4, True),
        ],
        "charter": {
            "roles": "Co-chairs: one faith leader and one person with lived experience. "
            "Therapists from the trust give clinical advice.",
            "commitments": "We keep what is shared in the group private. We reply to every "
            "question raised within two weeks.",
            "recognition": "Time credits for everyone who gives their time; travel paid up "
            "front for anyone who asks.",
            "time_limits": "Monthly evening meetings, ninety minutes, for one year, then we review.",
            "insurance": "The network's insurance covers all meetings and events.",
            "voluntariness": "You can step back at any time. It will never affect any "
            "service you or your family receive.",
        },
    },
    {
        "org": "wandle-cen",
        "title": "Talking therapies at community sites",
        "summary": "Psychological therapy offered in temples, churches and community "
        "centres, designed with the communities who host it.",
        "service_area": "mental_health",
        "status": "active",
        "stage": "grow-it",
        "starts_on": "2024-04-01",
        "planning": "shared",
        "delivery": "professional",
        "participation": "instrumental",
        "level": "service",
        "partners": ["ganesh-temple", "st-barnabas", "south-wandle-mht"],
        "team": [("Mr Patel", "connector"), ("Priya", "champion")],
        "stakeholders": [
            ("Trust's talking therapies managers", True, True, "supportive", True),
            ("Temple committee", False, True, "supportive", True),
        ],
        "priorities": [("Referral cards in community languages", 4, 1, False)],
        "charter": None,
    },
    {
        "org": "wy-network",
        "title": "Regional Network",
        "summary": "People with lived experience from all five localities meet in Leeds to "
        "co-produce the programme's agenda and influence services across the region.",
        "service_area": "housing",
        "status": "active",
        "stage": "people-it",
        "starts_on": "2025-10-01",
        "planning": "shared",
        "delivery": "professional",
        "participation": "instrumental",
        "level": "system",
        "partners": ["wy-bradford", "wy-kirklees"],
        "team": [("Dazza", "co_chair"), ("Jo", "champion")],
        "left": [("Jo", "champion", "2026-08-31")],
        "stakeholders": [("Programme board", True, True, "supportive", True)],
        "priorities": [("Open the network to the wider recovery community", 4, 2, False)],
        "charter": None,
    },
    {
        "org": "wy-bradford",
        "title": "Bradford wellbeing group",
        "summary": "A peer-led group that chooses its own themes, from reading sessions "
        "to resilience, and invites services to come and listen.",
        "service_area": "housing",
        "status": "active",
        "stage": "market-it",
        "starts_on": "2019-01-15",
        "planning": "community",
        "delivery": "shared",
        "participation": "transformative",
        "level": "individual",
        "partners": [],
        "team": [("Nadia", "facilitator"), ("Lee", "catalyst")],
        "stakeholders": [("Local commissioner", True, False, "supportive", True)],
        "priorities": [("Start a second group in Kirklees", 4, 3, False)],
        "charter": None,
    },
]


def load_demo_initiatives(*, orgs: dict[str, Organisation], by: User) -> None:
    for data in INITIATIVES:
        org = orgs[data["org"]]
        framework = services.default_stage_framework()
        initiative = services.initiative_create(
            organisation=org,
            by=by,
            details={
                key: data[key]
                for key in (
                    "title",
                    "summary",
                    "service_area",
                    "status",
                    "planning",
                    "delivery",
                    "participation",
                    "level",
                )
            }
            | {"starts_on": datetime.date.fromisoformat(data["starts_on"])},
            partners=[orgs[slug] for slug in data["partners"]],
            stage_framework=framework,
            stage=framework.items.get(key=data["stage"]),
        )
        for name, role in data["team"]:
            person = Person.objects.get(organisation=org, preferred_name=name)
            member = services.team_member_add(
                initiative=initiative, person=person, role=role, by=by
            )
            # They joined when the work began, not on the day the demo was loaded.
            TeamMember.objects.filter(pk=member.pk).update(joined_on=initiative.starts_on)
        for name, role, left_on in data.get("left", []):
            member = initiative.team.get(person__preferred_name=name, role=role)
            services.team_member_leave(
                member=member, by=by, on=datetime.date.fromisoformat(left_on)
            )
        for name, power, influence, attitude, involved in data["stakeholders"]:
            services.stakeholder_save(
                initiative=initiative,
                by=by,
                values={
                    "name": name,
                    "high_power": power,
                    "high_influence": influence,
                    "attitude": attitude,
                    "involved": involved,
                },
            )
        for title, impact, effort, spend in data["priorities"]:
            services.priority_save(
                initiative=initiative,
                by=by,
                values={
                    "title": title,
                    "impact": impact,
                    "effort": effort,
                    "significant_spend": spend,
                },
            )
        if data["charter"]:
            services.charter_save(initiative=initiative, by=by, values=data["charter"])
