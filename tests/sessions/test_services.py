import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from coproduce.people.models import Person
from coproduce.sessions import queries, services
from coproduce.sessions.models import Attendance, Session
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _session(cast, **details):
    return services.session_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={
            "title": "Forum",
            "kind": "forum",
            "starts_at": timezone.now() + datetime.timedelta(days=3),
            **details,
        },
    )


def test_register_records_exactly_who_came_and_adds_newcomers(cast):
    session = _session(cast, hours=2)
    result = services.register_save(
        session=session,
        by=cast.coordinator,
        present=[cast.coproducer, cast.member_person],
        newcomers=["Ade", "  ", "Bex"],
    )
    assert (result.present, result.newcomers) == (4, 2)
    assert (
        Person.objects.filter(preferred_name__in=["Ade", "Bex"], organisation=cast.org).count() == 2
    )
    assert {a.hours for a in Attendance.objects.filter(session=session)} == {2}
    result = services.register_save(session=session, by=cast.coordinator, present=[cast.coproducer])
    assert (result.present, result.removed) == (1, 3)
    with pytest.raises(ValidationError):
        services.register_save(session=session, by=cast.coordinator, present=[cast.other_person])


def test_organiser_sees_what_invitees_need(cast):
    for kind in ("bsl", "bsl", "step_free"):
        PersonFactory(organisation=cast.org).access_needs.create(kind=kind)
    session = _session(cast)
    session.invitees.set(Person.objects.filter(organisation=cast.org))
    assert queries.invitee_needs(session) == [
        ("British Sign Language interpreter", 2),
        ("Step-free access", 1),
    ]


def _csv(rows, header="session,person,hours,role"):
    return ("\n".join([header, *rows]) + "\n").encode()


@pytest.fixture
def grid(cast):
    """100 sessions and 100 people: 10,000 possible attendance rows."""
    now = timezone.now()
    sessions = Session.objects.bulk_create(
        Session(organisation=cast.org, title=f"S{n}", kind="meeting", starts_at=now)
        for n in range(100)
    )
    people = Person.objects.bulk_create(
        Person(organisation=cast.org, preferred_name=f"P{n}") for n in range(100)
    )
    return sessions, people


def test_ten_thousand_rows_with_three_bad_ones_save_nothing_then_all(cast, grid):
    sessions, people = grid
    rows = [f"{s.pk},{p.pk},2.5,participant" for s in sessions for p in people]
    assert len(rows) == 10_000
    bad = list(rows)
    bad[10] = f"{sessions[0].pk},{people[10].pk},lots,participant"
    bad[5000] = f"999999,{people[0].pk},1,participant"
    bad[9998] = f"{sessions[99].pk},{people[98].pk},1,juggler"
    report = services.attendance_import(organisation=cast.org, by=cast.coordinator, data=_csv(bad))
    assert report.rows == 10_000
    assert [(e.row, e.field) for e in report.errors] == [
        (12, "hours"),
        (5002, "session"),
        (10000, "role"),
    ]
    assert Attendance.objects.count() == 0
    report = services.attendance_import(organisation=cast.org, by=cast.coordinator, data=_csv(rows))
    assert (report.saved, report.errors) == (10_000, [])
    assert Attendance.objects.count() == 10_000


def test_wrong_headers_encoding_duplicates_and_other_orgs(cast, grid):
    sessions, people = grid
    report = services.attendance_import(
        organisation=cast.org, by=cast.coordinator, data=_csv([], header="who,when")
    )
    assert report.errors[0].field == "headers"
    assert "Missing: session, person, hours" in report.errors[0].message
    report = services.attendance_import(
        organisation=cast.org,
        by=cast.coordinator,
        data="session,person,hours\n1,2,3\n".encode("utf-16"),
    )
    assert report.errors[0].field == "file"
    row = f"{sessions[0].pk},{people[0].pk},1,"
    report = services.attendance_import(
        organisation=cast.org, by=cast.coordinator, data=_csv([row, row])
    )
    assert [(e.row, e.field) for e in report.errors] == [(3, "person")]
    report = services.attendance_import(
        organisation=cast.org,
        by=cast.coordinator,
        data=_csv([f"{sessions[0].pk},{cast.other_person.pk},1,"]),
    )
    assert report.errors[0].field == "person"
    assert Attendance.objects.count() == 0
