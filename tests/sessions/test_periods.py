"""Periods by moments, not by each row's date (found by the bench: comparing each row's
date made the database convert every row's time and skip its index)."""

import datetime

from django.utils import timezone

from coproduce.sessions.models import Session
from coproduce.sessions.queries import held_between, quarter_of, quarters_between
from coproduce.sessions.services import session_create


def test_quarters_touched_by_a_period():
    assert quarters_between(datetime.date(2025, 12, 5), datetime.date(2026, 12, 4)) == [
        datetime.date(2025, 10, 1),
        datetime.date(2026, 1, 1),
        datetime.date(2026, 4, 1),
        datetime.date(2026, 7, 1),
        datetime.date(2026, 10, 1),
    ]
    assert quarters_between(datetime.date(2026, 2, 1), datetime.date(2026, 3, 31)) == [
        datetime.date(2026, 1, 1)
    ]


def test_a_session_late_on_the_last_day_is_in_and_one_just_after_midnight_is_not(cast):
    zone = timezone.get_current_timezone()
    for when in (
        datetime.datetime(2026, 3, 31, 23, 30, tzinfo=zone),  # in
        datetime.datetime(2026, 4, 1, 0, 15, tzinfo=zone),  # the next day: out of the first quarter
        datetime.datetime(2026, 1, 1, 0, 0, tzinfo=zone),  # the first moment: in
    ):
        session_create(
            organisation=cast.org,
            by=cast.coordinator,
            details={"title": str(when), "kind": "meeting", "starts_at": when},
        )
    since, until = datetime.date(2026, 1, 1), datetime.date(2026, 3, 31)
    found = Session.objects.filter(held_between(since, until)).order_by("starts_at")
    assert [s.starts_at.astimezone(zone).day for s in found] == [1, 31]
    wider = Session.objects.filter(held_between(since, datetime.date(2026, 4, 30)))
    quarters = dict(
        wider.annotate(q=quarter_of(since, datetime.date(2026, 4, 30))).values_list("title", "q")
    )
    assert sorted(quarters.values()) == [0, 0, 1]
