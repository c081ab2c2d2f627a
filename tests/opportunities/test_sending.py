"""Opportunities announced through the outbox to the people chosen who agreed to hear
about them, and everyone who said they were interested told whether they have a place;
the people selected are invited to its session (issue 18)."""

import datetime
import re
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from coproduce.messaging.models import Kind, Message
from coproduce.opportunities import services
from coproduce.people.services import consent_record
from coproduce.sessions.services import session_create
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _agreed(cast: Any, name: str) -> Any:
    person = PersonFactory(
        organisation=cast.org, preferred_name=name, email=f"{name.lower()}@example.test",
        contact_preference="email",
    )  # fmt: skip
    consent_record(
        person=person, purpose="contact", given_on=timezone.localdate(), by=cast.coordinator
    )
    return person


def test_announced_to_those_who_agreed_then_everyone_interested_hears_the_outcome(
    cast: Any, client_for: Any, deliver: Any
) -> None:
    session = session_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={
            "title": "Interview day",
            "kind": "workshop",
            "starts_at": timezone.now() + datetime.timedelta(days=20),
            "hours": Decimal(3),
        },
    )
    opportunity = services.opportunity_create(
        organisation=cast.org,
        by=cast.coordinator,
        session=session,
        details={
            "title": "Interview panel",
            "kind": "interview_panel",
            "involves": "A morning on a panel",
            "recognition": "£45",
            "closes_on": timezone.localdate() + datetime.timedelta(days=7),
            "places": 1,
        },
    )
    asha, ben = _agreed(cast, "Asha"), _agreed(cast, "Ben")
    never_asked = PersonFactory(
        organisation=cast.org, preferred_name="Cy", email="cy@example.test",
        contact_preference="email",
    )  # fmt: skip
    page = client_for(cast.coordinator).post(
        f"/orgs/acme/opportunities/{opportunity.pk}/links/",
        {"people": [asha.pk, ben.pk, never_asked.pk], "send": "on"},
    )
    text = page.content.decode()
    assert "We are sending 2 people their links" in text
    assert "have not agreed to hear about chances to get involved" in text
    assert not Message.objects.filter(person=never_asked).exists()
    deliver()
    assert sorted(m.to[0] for m in mail.outbox) == ["asha@example.test", "ben@example.test"]
    for email in mail.outbox:
        link = re.search(r"http://\S+/interested/[\w-]+/", email.body)[0]
        Client().post(link.replace("http://127.0.0.1:8000", ""), {"note": ""})
    assert opportunity.interest.count() == 2

    services.interest_decide(opportunity=opportunity, by=cast.coordinator, selected=[asha])
    outcomes = {m.person_id: m for m in Message.objects.filter(kind=Kind.OPPORTUNITY_OUTCOME)}
    assert outcomes[asha.pk].subject == "You have a place: Interview panel"
    assert "you do not have a place this time" in outcomes[ben.pk].body
    assert "/messages/stop/" not in outcomes[ben.pk].body  # an answer, not a mailing
    # Asha is invited to the session, with its calendar file.
    invitation = Message.objects.get(kind=Kind.SESSION_INVITATION)
    assert invitation.person == asha
    # Deciding again with the same choice tells nobody twice.
    services.interest_decide(opportunity=opportunity, by=cast.coordinator, selected=[asha])
    assert Message.objects.filter(kind=Kind.OPPORTUNITY_OUTCOME).count() == 2
    assert Message.objects.filter(kind=Kind.SESSION_INVITATION).count() == 1
