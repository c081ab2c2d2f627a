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


def test_the_digest_brings_the_weeks_conversations_and_requests_from_the_network(
    cast: Any, deliver: Any
) -> None:
    from coproduce.conversations.services import moderators_set, post_moderate, reply, thread_start
    from coproduce.core.models import NetworkMembership
    from coproduce.peers.services import request_create
    from tests.factories import MembershipFactory, OrganisationFactory

    thread = thread_start(
        organisation=cast.org,
        by=cast.member,
        details={"topic": "proposal", "title": "Saturday forums", "body": "Weekdays are hard."},
    )
    said = {"thread": thread, "from_organisation": cast.org}
    reply(**said, by=cast.coordinator, body="Let us try it.", sensitive=False)
    rude = reply(**said, by=cast.member, body="Something unkind", sensitive=True)
    moderators_set(organisation=cast.org, by=cast.admin, users=[cast.coordinator])
    post_moderate(post=rude, by=cast.coordinator, hide=True, reason="Unkind")
    member = OrganisationFactory(name="St Barnabas", slug="st-barnabas")
    NetworkMembership.objects.create(network=cast.org, organisation=member)
    asker = MembershipFactory(organisation=member, role=Role.ADMIN).user
    request_create(
        organisation=member,
        by=asker,
        details={"network": cast.org, "kind": "mentoring", "title": "A mentor for our panel"},
    )
    assert digests_send(MONDAY) == 2
    deliver()
    body = {email.to[0]: email.body for email in mail.outbox}[cast.coordinator.email]
    # The opening message and the reply; the hidden one does not count.
    assert "- Saturday forums: 2 new messages" in body
    assert "/orgs/acme/conversations/" in body
    assert "- St Barnabas: A mentor for our panel" in body
    assert "Something unkind" not in body
    assert cast.member.email not in body
    # A week later, with nothing new, nothing is sent.
    assert digests_send(MONDAY + datetime.timedelta(days=14)) == 0
