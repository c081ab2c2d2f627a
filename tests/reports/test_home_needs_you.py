"""A home that says what needs you (issue 17, 5): approvals waiting, this week's sessions
with support to arrange, "you said, we did" items and actions overdue; and, for a
co-producer, their next sessions and ways to get involved."""

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from coproduce.assessments.models import Action, ActionStatus, StatementSet
from coproduce.assessments.services import assessment_create
from coproduce.influence.services import item_create
from coproduce.opportunities.models import Opportunity
from coproduce.people.models import AccessNeed
from coproduce.sessions.services import session_cancel, session_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def week(cast: Any) -> dict[str, Any]:
    AccessNeed.objects.create(person=cast.member_person, kind="bsl")
    soon = session_create(
        organisation=cast.org,
        by=cast.coordinator,
        invitees=[cast.member_person, cast.coproducer],
        details={
            "title": "Carers forum",
            "kind": "forum",
            "starts_at": timezone.now() + datetime.timedelta(days=2),
            "hours": Decimal(2),
        },
    )
    called_off = session_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={
            "title": "Called off",
            "kind": "forum",
            "starts_at": timezone.now() + datetime.timedelta(days=3),
            "hours": Decimal(2),
        },
    )
    session_cancel(session=called_off, by=cast.coordinator, reason="Snow")
    item = item_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={
            "title": "Evening groups",
            "addressed_to": "Council",
            "raised_by_group": "Carers",
            "raised_on": timezone.localdate() - datetime.timedelta(days=90),
        },
    )
    assessment = assessment_create(
        organisation=cast.org,
        by=cast.coordinator,
        title="",
        subject="",
        statement_set=StatementSet.objects.get(
            key="six-elements-check", framework__is_current=True
        ),
    )
    Action.objects.create(
        organisation=cast.org,
        assessment=assessment,
        title="Pay people on time",
        owner="Jo",
        due_on=datetime.date(2026, 5, 1),
        status=ActionStatus.IN_PROGRESS,
    )
    return {"soon": soon, "item": item}


def test_a_coordinator_sees_what_needs_them(cast: Any, client_for: Any, week: Any) -> None:
    page = client_for(cast.coordinator).get("/orgs/acme/").content.decode()
    assert "What needs you" in page
    assert "Carers forum" in page
    assert "British Sign Language interpreter (1)" in page
    assert "Called off" not in page
    assert "Evening groups" in page
    assert "Not acknowledged in time" in page
    assert "Overdue since 1 May 2026" in page


def test_a_co_producer_sees_their_next_sessions_and_ways_in(
    cast: Any, client_for: Any, week: Any
) -> None:
    Opportunity.objects.create(
        organisation=cast.org,
        title="Join the interview panel",
        kind=Opportunity._meta.get_field("kind").choices[0][0],
        involves="Two mornings",
        recognition="£20 a morning",
        closes_on=timezone.localdate() + datetime.timedelta(days=10),
    )
    page = client_for(cast.member).get("/orgs/acme/").content.decode()
    assert "What needs you" not in page
    assert "Your next sessions" in page
    assert "Carers forum" in page
    assert "Join the interview panel" in page


def test_nothing_waiting_is_said_plainly(cast: Any, client_for: Any) -> None:
    page = client_for(cast.coordinator).get("/orgs/acme/").content.decode()
    assert "Nothing is waiting on you today." in page


def test_the_homes_queries_do_not_grow_with_the_sessions_this_week(cast, client_for):
    """Found by the bench on national data: each of this week's sessions read its
    organisation again to link to itself, for staff and for a co-producer."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add_sessions(count: int) -> None:
        for n in range(count):
            session_create(
                organisation=cast.org,
                by=cast.coordinator,
                invitees=[cast.member_person],
                details={
                    "title": f"Drop-in {n}",
                    "kind": "meeting",
                    "starts_at": timezone.now() + datetime.timedelta(days=1, hours=n),
                },
            )

    def queries(user: Any) -> int:
        client = client_for(user)
        client.get("/orgs/acme/")  # anything read once per visit is read
        with CaptureQueriesContext(connection) as done:
            assert client.get("/orgs/acme/").status_code == 200
        return len(done.captured_queries)

    add_sessions(1)
    one = (queries(cast.coordinator), queries(cast.member))
    add_sessions(4)
    assert (queries(cast.coordinator), queries(cast.member)) == one
