"""Fixtures shared by the security tests."""

from typing import Any

import pytest


@pytest.fixture
def recognised_session(cast: Any) -> Any:
    """A session Noor came to, with recognition already proposed for her being there."""
    import datetime
    from decimal import Decimal

    from django.utils import timezone

    from coproduce.people.models import RecognitionPreference
    from coproduce.recognition import services as recognition
    from coproduce.sessions.services import register_save, session_create

    session = session_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={
            "title": "Forum",
            "kind": "meeting",
            "starts_at": timezone.make_aware(datetime.datetime(2026, 11, 3, 10, 0)),
            "hours": Decimal(2),
        },
    )
    register_save(session=session, by=cast.coordinator, present=[cast.coproducer])
    cast.coproducer.recognition_preference = RecognitionPreference.TIME_CREDITS
    cast.coproducer.save()
    proposal = recognition.awards_propose(
        organisation=cast.org,
        by=cast.coordinator,
        start=datetime.date(2026, 11, 1),
        end=datetime.date(2026, 11, 30),
    )
    assert proposal.created == 1
    return session
