"""Telling people about opportunities through the outbox: each person's own link to
say they are interested (only to people who agreed to hear about opportunities), and
whether they have a place, once people are selected (issue 18)."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse

from coproduce.core.models import User
from coproduce.messaging.models import Kind
from coproduce.messaging.services import Letter, queue_for
from coproduce.opportunities.models import Interest, InterestStatus, Opportunity
from coproduce.people.models import Consent, ConsentPurpose, Person


def agreed_to_hear(people: Iterable[Person]) -> set[int]:
    """Who has agreed, and not withdrawn, to be told about chances to get involved."""
    return set(
        Consent.objects.active()
        .filter(person__in=list(people), purpose=ConsentPurpose.CONTACT)
        .values_list("person_id", flat=True)
    )


def links_send(
    *, opportunity: Opportunity, by: User, made: list[tuple[Person, str]]
) -> tuple[int, list[Person]]:
    """Queue each person's own link (call in the transaction that made them), to those
    who agreed to hear about opportunities. Returns how many were queued, and who was
    left out for want of that agreement."""
    agreed = agreed_to_hear(p for p, _t in made)
    site = settings.COPRODUCE_SITE_URL.rstrip("/")
    urls = {
        person.pk: site + reverse("opportunities:interest-own", args=[token])
        for person, token in made
    }
    queued = queue_for(
        organisation=opportunity.organisation,
        people=[p for p, _t in made if p.pk in agreed],
        kind=Kind.OPPORTUNITY,
        letter=lambda person: Letter(
            "messages/opportunity",
            {"opportunity": opportunity},
            link=urls[person.pk],
            personalisation={
                "opportunity_title": opportunity.title,
                "closes_on": opportunity.closes_on.isoformat(),
            },
        ),
        caused_by=by,
    )
    return len(queued), [p for p, _t in made if p.pk not in agreed]


def outcomes_send(*, opportunity: Opportunity, by: User, changed: list[Interest]) -> int:
    """Tell each person whose answer changed whether they have a place."""
    status = {interest.person_id: interest.status for interest in changed}
    return len(
        queue_for(
            organisation=opportunity.organisation,
            people=[interest.person for interest in changed],
            kind=Kind.OPPORTUNITY_OUTCOME,
            letter=lambda person: Letter(
                "messages/opportunity_outcome",
                {
                    "opportunity": opportunity,
                    "selected": status[person.pk] == InterestStatus.SELECTED,
                },
                personalisation={"opportunity_title": opportunity.title},
            ),
            caused_by=by,
        )
    )
