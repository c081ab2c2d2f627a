"""A weekly group (issue 17, 3): a series of sessions planned in one go, each its own
session afterwards, at the same clock time across the change to summer time; cancelling
the rest of a series leaves the sessions that happened."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone

from coproduce.sessions.models import Session
from coproduce.sessions.services import register_save

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")


def test_a_weekly_group_is_planned_in_one_go_and_keeps_its_clock_time(cast, client_for):
    client = client_for(cast.coordinator)
    page = client.get("/orgs/acme/sessions/new/").content.decode()
    assert "Every week" in page
    # 10am on the Thursday before the clocks go forward (29 March 2027).
    planned = client.post(
        "/orgs/acme/sessions/new/",
        {
            "title": "Carers' group",
            "kind": "meeting",
            "starts_at": "2027-03-18T10:00",
            "hours": "2",
            "repeat": "weekly",
            "times": "4",
            "invitees": [cast.coproducer.pk],
        },
    )
    assert planned.status_code == 302
    sessions = list(Session.objects.order_by("starts_at"))
    assert len(sessions) == 4
    assert len({s.series for s in sessions}) == 1
    local = [timezone.localtime(s.starts_at, LONDON) for s in sessions]
    assert [(t.day, t.hour) for t in local] == [(18, 10), (25, 10), (1, 10), (8, 10)]
    assert all(list(s.invitees.all()) == [cast.coproducer] for s in sessions)
    detail = client.get(sessions[1].get_absolute_url()).content.decode()
    assert "In this series" in detail
    assert sessions[3].get_absolute_url() in detail


def test_a_repeat_needs_a_number_and_a_sensible_one(cast, client_for):
    base = {"title": "Group", "kind": "meeting", "starts_at": "2027-01-07T10:00", "hours": "2"}
    client = client_for(cast.coordinator)
    missing = client.post("/orgs/acme/sessions/new/", {**base, "repeat": "weekly"})
    assert missing.status_code == 400
    assert "Enter how many sessions" in missing.content.decode()
    too_many = client.post("/orgs/acme/sessions/new/", {**base, "repeat": "weekly", "times": "500"})
    assert too_many.status_code == 400
    assert not Session.objects.exists()


def test_cancelling_the_rest_of_a_series_leaves_what_happened(cast, client_for):
    client = client_for(cast.coordinator)
    client.post(
        "/orgs/acme/sessions/new/",
        {
            "title": "Peer group",
            "kind": "meeting",
            "starts_at": (timezone.localtime() - datetime.timedelta(days=8)).strftime(
                "%Y-%m-%dT%H:%M"
            ),
            "hours": "2",
            "repeat": "weekly",
            "times": "5",
        },
    )
    sessions = list(Session.objects.order_by("starts_at"))
    register_save(session=sessions[3], by=cast.coordinator, present=[cast.coproducer])
    response = client.post(
        f"{sessions[1].get_absolute_url()}cancel/", {"reason": "The funding ended", "later": "on"}
    )
    assert response.status_code == 302
    cancelled = [s.cancelled_at is not None for s in Session.objects.order_by("starts_at")]
    # The first is before it; the fourth has a register, so it happened and stays.
    assert cancelled == [False, True, True, False, True]
