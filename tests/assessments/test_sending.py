"""Self-assessment links sent to each respondent their own way, and one reminder, with a
second secret for the same link, to those who have not answered (issue 18)."""

import re
from typing import Any

import pytest
from django.core import mail

from coproduce.assessments import services
from coproduce.assessments.models import Respondent
from coproduce.messaging.models import Kind, Message
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _link(email: Any) -> str:
    return re.search(r"http://\S+(/answer/[\w-]+/)", email.body)[1]


def test_a_respondent_is_sent_their_link_and_reminded_once(
    cast: Any, client_for: Any, client: Any, deliver: Any, assessment: Any
) -> None:
    asha = PersonFactory(
        organisation=cast.org, email="asha@example.test", contact_preference="email"
    )
    coordinator = client_for(cast.coordinator)
    made = coordinator.post(
        assessment.get_absolute_url(),
        {"group": "co_producer", "person": asha.pk, "valid_days": "30", "send": "on"},
    )
    assert made.status_code == 302
    deliver()
    [first] = mail.outbox
    assert first.subject.startswith("How are we doing?")
    assert "Your answers are shown without your name." in first.body
    assert client.get(_link(first)).status_code == 200

    detail = coordinator.get(assessment.get_absolute_url()).content.decode()
    assert "Send one reminder" in detail
    coordinator.post(f"{assessment.get_absolute_url()}remind/")
    deliver()
    reminder = mail.outbox[-1]
    assert reminder.subject.startswith("A reminder")
    assert _link(reminder) != _link(first)
    assert client.get(_link(reminder)).status_code == 200  # both links open it
    assert Respondent.objects.get(person=asha).reminded_at is not None
    again = coordinator.post(f"{assessment.get_absolute_url()}remind/", follow=True)
    assert "answered or been reminded already" in again.content.decode()
    assert Message.objects.filter(kind=Kind.ASSESSMENT_REMINDER).count() == 1
    # Made without sending: nothing goes.
    services.respondent_invite(
        assessment=assessment, by=cast.coordinator, group="staff", person=asha
    )
    assert Message.objects.filter(kind=Kind.ASSESSMENT_LINK).count() == 1
