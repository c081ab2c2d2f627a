"""Demo recognition for the Wandle network: a policy, partner venues, six months of
approved recognition (one month still waiting), a paid run, claims and opportunities."""

from __future__ import annotations

import datetime

from django.utils import timezone

from coproduce.core.models import Organisation, User
from coproduce.ledger.queries import person_balances
from coproduce.opportunities import services as opportunity_services
from coproduce.people.models import Person, RecognitionPreference
from coproduce.recognition import queries, services
from coproduce.recognition.models import AwardStatus, ExpenseCategory

RATES = {
    "": {"credits_per_hour": 1, "pence_per_hour": 1500, "voucher_pence_per_hour": 1000},
    "interview_panel": {"credits_per_hour": 2, "pence_per_hour": 2000, "pence_per_session": 500},
}
PARTNERS = [
    (
        "Tooting Leisure Centre",
        "Greaves Place, London",
        "Step-free, changing places toilet.",
        [("A swim", 1), ("A gym session", 1)],
    ),
    (
        "Wandle Picturehouse",
        "High Street, London",
        "Relaxed screenings on Sunday mornings.",
        [("A cinema ticket", 2)],
    ),
    (
        "South Thames College",
        "Wandsworth High Street",
        "Lifts to every floor.",
        [("A short course", 5)],
    ),
]
OPPORTUNITIES = [
    {
        "title": "Interview panel for two peer support workers",
        "kind": "interview_panel",
        "involves": "A briefing call, then one morning of interviews with two staff members.",
        "recognition": "£20 an hour or 2 time credits an hour, plus travel",
        "access_support": "Questions shared a week ahead. A quiet room between interviews.",
        "days": 21,
        "places": 2,
    },
    {
        "title": "Help choose the new talking therapies provider",
        "kind": "bid_evaluation",
        "involves": "Read three shortlisted bids (easy read summaries available) and score them with the panel.",
        "recognition": "£15 an hour, or time credits",
        "access_support": "Papers in large print or easy read. Support worker welcome.",
        "days": 35,
        "places": 3,
    },
    {
        "title": "Co-chair the carers forum",
        "kind": "co_chair",
        "involves": "Plan and co-chair the forum with the coordinator, six times a year.",
        "recognition": "£15 an hour for meetings and preparation",
        "access_support": "A pre-meeting before each forum. Mentoring from the last co-chair.",
        "days": 14,
        "places": 1,
    },
]


def load_demo_recognition(*, org: Organisation, coordinator: User) -> None:
    services.policy_update(
        organisation=org,
        by=coordinator,
        details={
            "starter_credits": 2,
            "timebank_enabled": True,
            "payment_reference_prefix": "WCEN",
        },
    )
    for kind, rate in RATES.items():
        services.rate_set(organisation=org, by=coordinator, session_kind=kind, details=rate)
    categories = {
        name: services.expense_category_create(
            organisation=org, by=coordinator, name=name, kind=kind, limit_pence=limit
        )
        for name, kind, limit in [
            ("Travel", "travel", 2500),
            ("Childcare or care cover", "care_cover", 6000),
            ("Meals", "meals", 1000),
        ]
    }
    for name, address, access, offers in PARTNERS:
        partner = services.partner_create(
            organisation=org, by=coordinator, name=name, address=address, access=access
        )
        for title, credits in offers:
            services.offer_create(partner=partner, by=coordinator, title=title, credits=credits)

    people = list(Person.objects.filter(organisation=org).order_by("id"))
    paid = [p for p in people if p.recognition_preference == RecognitionPreference.PAYMENT]
    if paid:
        services.caps_set(person=paid[0], by=coordinator, weekly_pence=2500, yearly_pence=None)

    # May to September approved and paid; October approved, owed; November waiting.
    services.awards_propose(
        organisation=org,
        by=coordinator,
        start=datetime.date(2026, 5, 1),
        end=datetime.date(2026, 9, 30),
    )
    services.awards_approve(
        organisation=org,
        by=coordinator,
        awards=queries.awards_in(org, AwardStatus.PROPOSED),
        over_caps_confirmed=True,
    )
    run = services.payment_run_create(organisation=org, by=coordinator)
    services.payment_run_mark_paid(run=run, by=coordinator)
    services.awards_propose(
        organisation=org,
        by=coordinator,
        start=datetime.date(2026, 10, 1),
        end=datetime.date(2026, 10, 31),
    )
    services.awards_approve(
        organisation=org,
        by=coordinator,
        awards=queries.awards_in(org, AwardStatus.PROPOSED),
        over_caps_confirmed=True,
    )
    services.awards_propose(
        organisation=org,
        by=coordinator,
        start=datetime.date(2026, 11, 1),
        end=datetime.date(2026, 11, 30),
    )

    _spending_and_claims(org, coordinator, people, categories)
    today = timezone.localdate()
    for details in OPPORTUNITIES:
        days = details["days"]
        opportunity = opportunity_services.opportunity_create(
            organisation=org,
            by=coordinator,
            details={
                **{k: v for k, v in details.items() if k != "days"},
                "closes_on": today + datetime.timedelta(days=int(str(days))),
            },
        )
        for person in people[:3]:
            opportunity_services.interest_express(
                opportunity=opportunity, person=person, by=coordinator
            )


def _spending_and_claims(
    org: Organisation,
    coordinator: User,
    people: list[Person],
    categories: dict[str, ExpenseCategory],
) -> None:
    earners = [p for p in people if person_balances(p)["credits"] >= 3]
    offers = list(queries.offers_in(org))
    for n, person in enumerate(earners[:4]):
        services.credits_spend(
            person=person,
            offer=offers[n % len(offers)],
            by=coordinator,
            key=f"demo-spend-{person.pk}",
        )
    if len(earners) >= 2:
        services.credits_gift(
            giver=earners[0], receiver=earners[1], amount=1, by=coordinator, key="demo-gift"
        )
    helpers = [p for p in people if p.user_id] + people[:2]
    if len(helpers) >= 2:
        listing = services.listing_create(
            person=helpers[0], by=coordinator, kind="offer", title="Help filling in forms"
        )
        services.listing_create(
            person=helpers[1], by=coordinator, kind="request", title="A lift to the Tuesday group"
        )
        helped = next(p for p in [*earners, *people] if p.pk != helpers[0].pk)
        services.timebank_exchange(
            listing=listing,
            helper=helpers[0],
            helped=helped,
            hours=1,
            by=coordinator,
            key="demo-exchange",
        )
    if len(people) >= 3:
        travel = services.expense_claim_submit(
            person=people[0],
            by=coordinator,
            category=categories["Travel"],
            amount_pence=640,
            description="Bus to the October forum and back",
            incurred_on=datetime.date(2026, 10, 14),
        )
        services.expense_claim_decide(claim=travel, by=coordinator, approve=True)
        services.expense_claim_submit(
            person=people[1],
            by=coordinator,
            category=categories["Childcare or care cover"],
            amount_pence=4500,
            description="Sitter for the November forum",
            incurred_on=datetime.date(2026, 11, 14),
            paid_up_front=True,
        )
        services.expense_claim_submit(
            person=people[2],
            by=coordinator,
            category=categories["Meals"],
            amount_pence=780,
            description="Lunch on the way to the interview panel",
            incurred_on=datetime.date(2026, 11, 18),
        )
