"""Publishing an opportunity, saying you are interested, and being chosen."""

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from coproduce.opportunities import services
from coproduce.opportunities.models import InterestStatus
from coproduce.sessions.services import session_create


def _session(cast: Any, day: int) -> Any:
    starts = timezone.make_aware(datetime.datetime(2026, 10, day, 10, 0))
    return session_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={
            "title": f"Workshop {day}",
            "kind": "workshop",
            "starts_at": starts,
            "hours": Decimal("2"),
        },
    )


def test_opportunities_take_interest_and_selection_invites_to_the_session(cast: Any) -> None:
    session = _session(cast, 20)
    opportunity = services.opportunity_create(
        organisation=cast.org,
        by=cast.coordinator,
        session=session,
        details={
            "title": "Interview panel",
            "kind": "interview_panel",
            "involves": "A morning",
            "recognition": "£45",
            "closes_on": timezone.localdate() + datetime.timedelta(days=7),
            "places": 1,
        },
    )
    services.interest_express(
        opportunity=opportunity,
        person=cast.coproducer,
        by=cast.coordinator,
        note="Needs a hearing loop",
    )
    services.interest_express(opportunity=opportunity, person=cast.member_person, by=cast.member)
    with pytest.raises(ValidationError):
        services.interest_decide(
            opportunity=opportunity,
            by=cast.coordinator,
            selected=[cast.coproducer, cast.member_person],
        )
    services.interest_decide(
        opportunity=opportunity, by=cast.coordinator, selected=[cast.coproducer]
    )
    statuses = {i.person_id: i.status for i in opportunity.interest.all()}
    assert statuses == {
        cast.coproducer.pk: InterestStatus.SELECTED,
        cast.member_person.pk: InterestStatus.NOT_SELECTED,
    }
    assert list(session.invitees.all()) == [cast.coproducer]
    opportunity.closes_on = timezone.localdate() - datetime.timedelta(days=1)
    opportunity.save()
    with pytest.raises(ValidationError):
        services.interest_express(
            opportunity=opportunity, person=cast.other_person, by=cast.coordinator
        )
