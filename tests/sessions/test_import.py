"""Attendance from a spreadsheet: people found by number, email, phone or name."""

import pytest
from django.utils import timezone

from coproduce.people.models import Person
from coproduce.sessions.import_services import attendance_import
from coproduce.sessions.models import Attendance, Session
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


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
    report = attendance_import(organisation=cast.org, by=cast.coordinator, data=_csv(bad))
    assert report.rows == 10_000
    assert [(e.row, e.field) for e in report.errors] == [
        (12, "hours"),
        (5002, "session"),
        (10000, "role"),
    ]
    assert Attendance.objects.count() == 0
    report = attendance_import(organisation=cast.org, by=cast.coordinator, data=_csv(rows))
    assert (report.saved, report.errors) == (10_000, [])
    assert Attendance.objects.count() == 10_000


def test_wrong_headers_encoding_duplicates_and_other_orgs(cast, grid):
    sessions, people = grid
    report = attendance_import(
        organisation=cast.org, by=cast.coordinator, data=_csv([], header="who,when")
    )
    assert report.errors[0].field == "headers"
    assert "Missing: session" in report.errors[0].message
    report = attendance_import(
        organisation=cast.org,
        by=cast.coordinator,
        data="session,person,hours\n1,2,3\n".encode("utf-16"),
    )
    assert report.errors[0].field == "file"
    row = f"{sessions[0].pk},{people[0].pk},1,"
    report = attendance_import(organisation=cast.org, by=cast.coordinator, data=_csv([row, row]))
    assert [(e.row, e.field) for e in report.errors] == [(3, "person")]
    report = attendance_import(
        organisation=cast.org,
        by=cast.coordinator,
        data=_csv([f"{sessions[0].pk},{cast.other_person.pk},1,"]),
    )
    assert report.errors[0].field == "person"
    assert Attendance.objects.count() == 0


def _import(cast, rows, header, session=None):
    return attendance_import(
        organisation=cast.org, by=cast.coordinator, data=_csv(rows, header), session=session
    )


@pytest.fixture
def forum(cast):
    return Session.objects.create(
        organisation=cast.org, title="Forum", kind="forum", starts_at=timezone.now(), hours=2
    )


def test_a_known_person_is_found_by_name_email_or_phone(cast, forum):
    """Found from outside: a register naming a known person by name was refused, because
    the import took only record numbers."""
    ade = PersonFactory(organisation=cast.org, preferred_name="Ade Bello", email="ade@example.org")
    bex = PersonFactory(organisation=cast.org, preferred_name="Bex", phone="07700 900123")
    cy = PersonFactory(organisation=cast.org, preferred_name="Cy", full_name="Cyril Jones")
    rows = [
        f"{forum.pk},ade bello,,",
        f"{forum.pk},+44 7700 900123,1.5,",
        f"{forum.pk},Cyril  Jones,,Note-taker",
    ]
    report = _import(cast, rows, "session,person,hours,role")
    assert (report.errors, report.saved) == ([], 3)
    saved = {a.person_id: (a.hours, a.role) for a in Attendance.objects.filter(session=forum)}
    assert saved == {
        ade.pk: (2, "participant"),
        bex.pk: (1.5, "participant"),
        cy.pk: (2, "note_taker"),
    }


def test_ambiguous_and_unknown_rows_are_reported_not_guessed(cast, forum):
    PersonFactory(organisation=cast.org, preferred_name="Sam", email="sam1@example.org")
    sam2 = PersonFactory(organisation=cast.org, preferred_name="Sam", email="sam2@example.org")
    PersonFactory(organisation=cast.org, preferred_name="Kim", email="kim@example.org")
    gone = PersonFactory(organisation=cast.org, preferred_name="Gone", erased_at=timezone.now())
    rows = [
        ",Sam,,",  # two people are called Sam
        ",,sam2@example.org,",  # this one is clear
        ",Nobody,,",
        ",Kim,sam2@example.org,",  # the name and the email are different people
        f"{gone.pk},,,",  # erased people are not on any register
        ",,,1",
        f",{cast.other_person.preferred_name},,",
    ]
    report = _import(cast, rows, "person,name,email,hours", session=forum)
    assert [(e.row, e.field) for e in report.errors] == [
        (2, "name"),
        (4, "name"),
        (5, "email"),
        (6, "person"),
        (7, "person"),
        (8, "name"),
    ]
    assert "2 people fit this row" in report.errors[0].message
    assert "different people" in report.errors[2].message
    assert Attendance.objects.count() == 0
    report = _import(cast, [",Sam,sam2@example.org,"], "person,name,email,hours", session=forum)
    assert report.saved == 1
    assert Attendance.objects.get().person_id == sam2.pk


def test_a_session_import_needs_no_session_column_and_a_cancelled_one_takes_none(cast, forum):
    report = _import(
        cast, [f"{forum.pk + 1},{cast.coproducer.pk}"], "session,person", session=forum
    )
    assert [(e.row, e.field) for e in report.errors] == [(2, "session")]
    report = _import(cast, ["1"], "hours")
    assert report.errors[0].field == "headers"
    forum.cancelled_at = timezone.now()
    forum.save()
    report = _import(cast, [f"{forum.pk},{cast.coproducer.pk}"], "session,person")
    assert [(e.row, e.field) for e in report.errors] == [(2, "session")]
    assert Attendance.objects.count() == 0
