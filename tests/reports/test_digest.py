"""The weekly digest for admins and coordinators (issue 18): what is waiting, once a
week, nothing when nothing waits, and a link in it that stops it without signing in."""

import datetime
import re
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail

from coproduce.core.models import Membership, Role
from coproduce.messaging.models import Kind, Message
from coproduce.recognition import services as recognition
from coproduce.recognition.models import Method
from coproduce.reports.digest import digests_send

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 12, 7)


def test_staff_hear_weekly_what_is_waiting_and_can_stop_it(
    cast: Any, client: Any, deliver: Any
) -> None:
    assert digests_send(MONDAY) == 0  # nothing waiting, nothing sent
    recognition.award_create(
        organisation=cast.org,
        by=cast.coordinator,
        person=cast.coproducer,
        description="Reading papers",
        happened_on=MONDAY - datetime.timedelta(days=3),
        hours=Decimal("3"),
        method=Method.CREDITS,
        amount=3,
    )
    Message.objects.create(
        organisation=cast.org, person=cast.coproducer, channel="in_person",
        kind=Kind.INFLUENCE_UPDATE, body="Tell Noor", status="to_tell",
    )  # fmt: skip
    assert digests_send(MONDAY) == 2  # the admin and the coordinator
    assert digests_send(MONDAY + datetime.timedelta(days=2)) == 0  # once a week
    deliver()
    sent = {email.to[0]: email for email in mail.outbox}
    assert set(sent) == {cast.admin.email, cast.coordinator.email}
    email = sent[cast.coordinator.email]
    assert email.subject == "This week at Acme Community Network: what is waiting"
    assert "1 recognition award waits for approval." in email.body
    assert "1 message needs following up" in email.body
    assert "Noor" not in email.body  # no one's details in a staff email

    stop = re.search(r"http://\S+(/digest/stop/\S+/)", email.body)[1]
    page = client.get(stop)
    assert page.status_code == 200
    assert "Stop the weekly email" in page.content.decode()
    assert "Stopped" in client.post(stop, {"wanted": "no"}).content.decode()
    membership = Membership.objects.get(user=cast.coordinator, organisation=cast.org)
    assert membership.weekly_digest is False
    assert digests_send(MONDAY + datetime.timedelta(days=7)) == 1  # the admin only
    assert client.get("/digest/stop/not-a-real-link/").status_code == 404
    # Members and viewers never get it.
    assert not Message.objects.filter(kind=Kind.DIGEST, to_address=cast.member.email).exists()
    assert Membership.objects.get(user=cast.member, organisation=cast.org).role == Role.MEMBER
