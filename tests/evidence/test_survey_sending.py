"""Survey links sent to each person their own way, and one reminder to those who have
not answered, with a second link that works beside the first (issue 18)."""

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from coproduce.evidence import services
from coproduce.evidence.models import SurveyLink
from coproduce.messaging.models import Kind, Message, Status
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (Linux; Android 14) Mobile"


@pytest.fixture
def survey(cast: Any) -> Any:
    made = services.survey_create(
        organisation=cast.org,
        by=cast.coordinator,
        title="Listening survey",
        questions=[{"kind": "agree", "text": "I was listened to."}],
    )
    services.survey_set(survey=made, by=cast.coordinator, status="open")
    return made


def _link(email: Any) -> str:
    found = re.search(r"http://\S+/your-survey/[\w-]+/", email.body)
    assert found, email.body
    return found[0].replace("http://127.0.0.1:8000", "")


def test_links_are_sent_and_one_reminder_goes_to_those_who_have_not_answered(
    cast: Any, client_for: Any, survey: Any, deliver: Any
) -> None:
    asha = PersonFactory(
        organisation=cast.org, email="asha@example.test", contact_preference="email"
    )
    ben = PersonFactory(organisation=cast.org, email="ben@example.test", contact_preference="email")
    coordinator = client_for(cast.coordinator)
    page = coordinator.post(
        f"/orgs/acme/evidence/surveys/{survey.pk}/links/",
        {"people": [asha.pk, ben.pk, cast.coproducer.pk], "send": "on"},
    )
    assert "We are sending 3 people their links" in page.content.decode()
    # Noor hears in person: her link waits on the Messages page for the coordinator.
    noor = Message.objects.get(person=cast.coproducer)
    assert noor.status == Status.TO_TELL
    assert "/your-survey/" in coordinator.get("/orgs/acme/messages/").content.decode()
    deliver()
    first = {m.to[0]: _link(m) for m in mail.outbox}
    agree = survey.questions.get()
    answered = Client(HTTP_USER_AGENT=BROWSER).post(
        first["asha@example.test"], {f"q{agree.pk}": "agree"}
    )
    assert "Thank you" in answered.content.decode()

    assert (
        coordinator.post(f"/orgs/acme/evidence/surveys/{survey.pk}/links/remind/").status_code
        == 302
    )
    reminders = Message.objects.filter(kind=Kind.SURVEY_REMINDER)
    assert {m.person_id for m in reminders} == {ben.pk, cast.coproducer.pk}  # not Asha
    deliver()
    [reminder] = [m for m in mail.outbox if m.subject.startswith("A reminder")]
    assert reminder.to == ["ben@example.test"]
    again = _link(reminder)
    assert again != first["ben@example.test"]
    # Both of Ben's links open his survey; the answer is taken once.
    reader = Client(HTTP_USER_AGENT=BROWSER)
    assert reader.get(first["ben@example.test"]).status_code == 200
    assert "Thank you" in reader.post(again, {f"q{agree.pk}": "agree"}).content.decode()
    assert SurveyLink.objects.filter(response__isnull=False).count() == 2
    # Only one reminder each.
    second = coordinator.post(f"/orgs/acme/evidence/surveys/{survey.pk}/links/remind/", follow=True)
    assert "Everyone has answered or been reminded already" in second.content.decode()
    assert Message.objects.filter(kind=Kind.SURVEY_REMINDER).count() == 2
    assert (
        client_for(cast.member)
        .post(f"/orgs/acme/evidence/surveys/{survey.pk}/links/remind/")
        .status_code
        == 403
    )
