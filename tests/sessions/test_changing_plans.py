"""Changing plans (issue 17, 3): a session can be changed, moved, cancelled with a reason
and copied, through the pages and the API, and every change is kept in its history."""

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from coproduce.core.models import AuditAction, AuditEvent
from coproduce.core.services import api_token_create
from coproduce.sessions.models import Session
from coproduce.sessions.services import register_save, session_cancel, session_create

pytestmark = pytest.mark.django_db

WHEN = timezone.make_aware(datetime.datetime(2026, 12, 10, 10, 0))


@pytest.fixture
def forum(cast: Any) -> Session:
    return session_create(
        organisation=cast.org,
        by=cast.coordinator,
        invitees=[cast.coproducer],
        details={"title": "Carers forum", "kind": "forum", "starts_at": WHEN, "hours": Decimal(2)},
    )


def _plan(**changes: Any) -> dict[str, Any]:
    return {
        "title": "Carers forum",
        "kind": "forum",
        "starts_at": "2026-12-10T10:00",
        "hours": "2",
        **changes,
    }


def test_moving_a_session_and_inviting_more_keeps_the_change(
    cast: Any, client_for: Any, forum: Session
) -> None:
    client = client_for(cast.coordinator)
    address = f"/orgs/acme/sessions/{forum.pk}/change/"
    form = client.get(address)
    assert form.status_code == 200
    assert 'value="Carers forum"' in form.content.decode()
    moved = client.post(
        address,
        _plan(
            starts_at="2026-12-17T14:00",
            venue="Library, ground floor",
            invitees=[cast.coproducer.pk, cast.member_person.pk],
        ),
    )
    assert moved.status_code == 302
    forum.refresh_from_db()
    assert timezone.localtime(forum.starts_at).strftime("%Y-%m-%d %H:%M") == "2026-12-17 14:00"
    assert forum.venue == "Library, ground floor"
    assert set(forum.invitees.all()) == {cast.coproducer, cast.member_person}
    event = AuditEvent.objects.get(action=AuditAction.SESSION_CHANGE)
    assert event.changes["starts_at"] == ["2026-12-10 10:00", "2026-12-17 14:00"]
    assert event.changes["invited"] == 1
    page = client.get(f"/orgs/acme/sessions/{forum.pk}/").content.decode()
    assert "moved from 2026-12-10 10:00 to 2026-12-17 14:00" in page
    assert "1 more person invited" in page


def test_a_wrong_change_names_the_field_and_changes_nothing(
    cast: Any, client_for: Any, forum: Session
) -> None:
    answer = client_for(cast.coordinator).post(
        f"/orgs/acme/sessions/{forum.pk}/change/", _plan(starts_at="2026-02-30T10:00")
    )
    assert answer.status_code == 400
    assert "starts_at" in answer.context["form"].errors
    forum.refresh_from_db()
    assert forum.starts_at == WHEN
    assert not AuditEvent.objects.filter(action=AuditAction.SESSION_CHANGE).exists()


def test_cancelling_needs_a_reason_and_keeps_the_session(
    cast: Any, client_for: Any, forum: Session
) -> None:
    client = client_for(cast.coordinator)
    address = f"/orgs/acme/sessions/{forum.pk}/cancel/"
    assert client.post(address, {"reason": ""}).status_code == 400
    assert client.post(address, {"reason": "The venue flooded."}).status_code == 302
    forum.refresh_from_db()
    assert forum.cancelled_at is not None
    assert forum.cancel_reason == "The venue flooded."
    listing = client.get("/orgs/acme/sessions/").content.decode()
    assert "Carers forum" in listing
    assert "Cancelled" in listing
    # A cancelled session takes no register and no more changes.
    with pytest.raises(ValidationError, match="cancelled"):
        register_save(session=forum, by=cast.coordinator, present=[cast.coproducer])
    assert client.post(f"/orgs/acme/sessions/{forum.pk}/change/", _plan()).status_code == 409


def test_a_session_that_happened_cannot_be_cancelled(cast: Any, forum: Session) -> None:
    register_save(session=forum, by=cast.coordinator, present=[cast.coproducer])
    with pytest.raises(ValidationError, match="register has been taken"):
        session_cancel(session=forum, by=cast.coordinator, reason="Oops")


def test_copying_plans_the_same_session_a_week_later(
    cast: Any, client_for: Any, forum: Session
) -> None:
    form = client_for(cast.coordinator).get(f"/orgs/acme/sessions/new/?from={forum.pk}")
    initial = form.context["form"].initial
    assert initial["title"] == "Carers forum"
    assert initial["starts_at"] == WHEN + datetime.timedelta(days=7)
    assert initial["invitees"] == [cast.coproducer.pk]


def test_nobody_outside_the_staff_changes_or_cancels(
    cast: Any, client_for: Any, forum: Session
) -> None:
    for user in (cast.member, cast.commissioner, cast.outsider):
        client = client_for(user)
        assert client.post(f"/orgs/acme/sessions/{forum.pk}/change/", _plan()).status_code in (
            403,
            404,
        )
        assert client.post(
            f"/orgs/acme/sessions/{forum.pk}/cancel/", {"reason": "x"}
        ).status_code in (403, 404)
    forum.refresh_from_db()
    assert forum.cancelled_at is None


def test_the_api_changes_and_cancels_a_session(cast: Any, forum: Session) -> None:
    client = Client(HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=cast.coordinator).token}")
    address = f"/api/v1/orgs/acme/sessions/{forum.pk}"
    changed = client.put(
        address,
        {
            "title": "Carers forum",
            "kind": "forum",
            "starts_at": "2026-12-17T14:00:00Z",
            "invitees": [cast.coproducer.pk],
        },
        content_type="application/json",
    )
    assert changed.status_code == 200
    assert changed.json()["starts_at"].startswith("2026-12-17T14:00")
    refused = client.post(f"{address}/cancel", {"reason": ""}, content_type="application/json")
    assert refused.status_code == 422
    cancelled = client.post(
        f"{address}/cancel", {"reason": "Snow"}, content_type="application/json"
    )
    assert cancelled.status_code == 200
    assert cancelled.json()["cancel_reason"] == "Snow"
    again = client.post(f"{address}/cancel", {"reason": "Snow"}, content_type="application/json")
    assert again.status_code == 409


def test_after_the_session_the_debrief_and_what_is_owed_are_recorded_with_history(cast, client_for):
    session = session_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={
            "title": "Listening event",
            "kind": "forum",
            "starts_at": timezone.now(),
            "shares_lived_experience": True,
        },
    )
    client = client_for(cast.coordinator)
    # Planning no longer asks about a debrief that cannot have happened yet.
    assert "debrief_offered" not in client.get("/orgs/acme/sessions/new/").content.decode()
    after = f"/orgs/acme/sessions/{session.pk}/after/"
    assert after in client.get(session.get_absolute_url()).content.decode()
    saved = client.post(
        after,
        {
            "debrief_offered": "on",
            "debrief_notes": "Good turnout; the room was too hot.",
            "follow_up_owed": "Find out about bus passes for Amir.",
        },
    )
    assert saved.status_code == 302
    session.refresh_from_db()
    assert session.debrief_offered
    page = client.get(session.get_absolute_url()).content.decode()
    assert "the room was too hot" in page
    assert "Debrief and follow-up recorded" in page
    event = AuditEvent.objects.get(action=AuditAction.SESSION_DEBRIEF)
    assert event.changes["debrief_offered"] == [False, True]
    assert client_for(cast.member).get(after).status_code == 403
    assert client_for(cast.outsider).get(after).status_code == 404
