"""Conversations (issue 21, part 2): threads, replies and "this helped"; a sensitive
contribution whose author only the named moderators see; moderation with its reasons
kept; an outcome that becomes a "you said, we did" item linked both ways; and a
network's questions to its members."""

from typing import Any

import pytest

from coproduce.conversations.models import Helped, ModerationNote, Moderator, Post, Thread
from coproduce.conversations.services import moderators_set, reply, thread_start
from coproduce.core.models import AuditEvent, NetworkMembership, Role
from coproduce.influence.models import InfluenceItem
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def named(cast: Any) -> Any:
    cast.member.first_name, cast.member.last_name = "Mo", "Ahmed"
    cast.member.save()
    cast.coordinator.first_name = "Grace"
    cast.coordinator.save()
    moderators_set(organisation=cast.org, by=cast.admin, users=[cast.coordinator])
    return cast


def start(cast: Any, by: Any, **details: Any) -> Thread:
    return thread_start(
        organisation=cast.org,
        by=by,
        details={
            "topic": "proposal",
            "title": "Move forums to Saturdays",
            "body": "Weekdays are hard.",
            **details,
        },
    )


def test_a_co_producer_starts_a_thread_staff_reply_and_it_helped(
    named: Any, client_for: Any
) -> None:
    member = client_for(named.member)
    response = member.post(
        "/orgs/acme/conversations/new/",
        {
            "topic": "proposal",
            "title": "Move forums to Saturdays",
            "body": "Weekdays are hard for carers.",
        },
    )
    assert response.status_code == 302
    thread = Thread.objects.get()
    staff = client_for(named.coordinator)
    response = staff.post(
        f"/orgs/acme/conversations/{thread.pk}/", {"body": "We could try one in May."}
    )
    assert response.status_code == 302
    answer = Post.objects.get(body="We could try one in May.")
    member.post(f"/orgs/acme/conversations/{thread.pk}/posts/{answer.pk}/helped/")
    assert Helped.objects.filter(post=answer).count() == 1
    page = member.get(f"/orgs/acme/conversations/{thread.pk}/").content.decode()
    assert "1 person found this helpful" in page
    assert "Mo Ahmed" in page
    member.post(f"/orgs/acme/conversations/{thread.pk}/posts/{answer.pk}/helped/")
    assert not Helped.objects.exists()
    assert (
        client_for(named.commissioner).get(f"/orgs/acme/conversations/{thread.pk}/").status_code
        == 200
    )
    viewer_post = client_for(named.commissioner).post(
        f"/orgs/acme/conversations/{thread.pk}/", {"body": "x"}
    )
    assert viewer_post.status_code == 404


def test_a_sensitive_author_is_seen_by_named_moderators_only(named: Any, client_for: Any) -> None:
    thread = start(named, named.admin)
    reply(
        thread=thread,
        by=named.member,
        from_organisation=named.org,
        body="The lift is always broken.",
        sensitive=True,
    )
    url = f"/orgs/acme/conversations/{thread.pk}/"

    moderator = client_for(named.coordinator).get(url).content.decode()
    assert "Mo Ahmed" in moderator
    assert "only moderators see this name" in moderator

    for someone in (named.admin, named.commissioner):
        page = client_for(someone).get(url).content.decode()
        assert "The lift is always broken." in page
        assert "Mo Ahmed" not in page
        assert named.member.email not in page
        assert "Someone who asked not to be named" in page

    own = client_for(named.member).get(url).content.decode()
    assert "only the moderators see it was you" in own
    # Nothing in the audit trail names who wrote it.
    assert not AuditEvent.objects.filter(actor=named.member).exists()
    # Taking someone off the list takes their sight of it away.
    moderators_set(organisation=named.org, by=named.admin, users=[])
    assert "Mo Ahmed" not in client_for(named.coordinator).get(url).content.decode()


def test_moderators_hide_with_a_reason_everyone_sees(named: Any, client_for: Any) -> None:
    thread = start(named, named.member)
    rude = reply(
        thread=thread,
        by=named.admin,
        from_organisation=named.org,
        body="Rude words here",
        sensitive=False,
    )
    url = f"/orgs/acme/conversations/{thread.pk}/posts/{rude.pk}/moderate/"
    assert client_for(named.admin).post(url, {"hide": "1", "reason": "x"}).status_code == 404
    response = client_for(named.coordinator).post(url, {"hide": "1", "reason": ""})
    assert response.status_code == 400
    rude.refresh_from_db()
    assert rude.hidden_at is None
    client_for(named.coordinator).post(url, {"hide": "1", "reason": "Please keep it kind"})
    page = client_for(named.member).get(f"/orgs/acme/conversations/{thread.pk}/").content.decode()
    assert "Rude words here" not in page
    assert "Hidden by a moderator" in page
    assert "Please keep it kind" in page
    assert (
        "Rude words here"
        in client_for(named.coordinator)
        .get(f"/orgs/acme/conversations/{thread.pk}/")
        .content.decode()
    )
    assert ModerationNote.objects.get().reason == "Please keep it kind"
    assert AuditEvent.objects.filter(
        action="conversations.moderate", actor=named.coordinator
    ).exists()


def test_a_closed_thread_takes_no_replies(named: Any, client_for: Any) -> None:
    thread = start(named, named.member)
    client_for(named.coordinator).post(
        f"/orgs/acme/conversations/{thread.pk}/close/", {"reason": "Decided at the forum"}
    )
    thread.refresh_from_db()
    assert thread.closed_at is not None
    assert (
        client_for(named.member)
        .post(f"/orgs/acme/conversations/{thread.pk}/", {"body": "Late"})
        .status_code
        == 404
    )


def test_an_outcome_becomes_a_you_said_we_did_item_linked_both_ways(
    named: Any, client_for: Any
) -> None:
    thread = start(named, named.member)
    staff = client_for(named.coordinator)
    assert (
        client_for(named.member).get(f"/orgs/acme/conversations/{thread.pk}/outcome/").status_code
        == 404
    )
    response = staff.post(
        f"/orgs/acme/conversations/{thread.pk}/outcome/",
        {"title": "Forums on Saturdays", "addressed_to": "The forum's co-chairs"},
    )
    assert response.status_code == 302
    item = InfluenceItem.objects.get()
    assert item.came_from_url == f"/orgs/acme/conversations/{thread.pk}/"
    assert item.raised_by_group == "People in the conversation"
    assert not item.raised_by_people.exists()
    assert (
        f'href="/orgs/acme/conversations/{thread.pk}/"'
        in staff.get(item.get_absolute_url()).content.decode()
    )
    assert (
        item.get_absolute_url()
        in staff.get(f"/orgs/acme/conversations/{thread.pk}/").content.decode()
    )
    again = staff.post(
        f"/orgs/acme/conversations/{thread.pk}/outcome/", {"title": "Again", "addressed_to": "Us"}
    )
    # A second try goes to the item already made, as for every channel.
    assert again.status_code == 302
    assert again.url == item.get_absolute_url()
    assert InfluenceItem.objects.count() == 1
    assert item.came_from_key == f"thread:{thread.pk}"


def test_a_networks_question_reaches_its_members_staff_only(named: Any, client_for: Any) -> None:
    member_org = OrganisationFactory(name="Hillside Mind", slug="hillside")
    NetworkMembership.objects.create(network=named.org, organisation=member_org)
    their_staff = MembershipFactory(organisation=member_org, role=Role.COORDINATOR).user
    their_coproducer = MembershipFactory(organisation=member_org, role=Role.MEMBER).user
    response = client_for(named.admin).post(
        "/orgs/acme/conversations/new/",
        {
            "topic": "question",
            "title": "How do you pay travel?",
            "body": "Cash or bank?",
            "network_wide": "on",
        },
    )
    assert response.status_code == 302
    thread = Thread.objects.get()
    assert thread.network_wide
    staff = client_for(their_staff)
    assert "How do you pay travel?" in staff.get("/orgs/hillside/conversations/").content.decode()
    assert (
        staff.post(
            f"/orgs/hillside/conversations/{thread.pk}/", {"body": "Cash on the day."}
        ).status_code
        == 302
    )
    assert Post.objects.get(body="Cash on the day.").from_organisation == member_org
    assert (
        "Hillside Mind"
        in client_for(named.admin).get(f"/orgs/acme/conversations/{thread.pk}/").content.decode()
    )
    assert (
        client_for(their_coproducer).get(f"/orgs/hillside/conversations/{thread.pk}/").status_code
        == 404
    )
    assert (
        client_for(named.outsider).get(f"/orgs/other/conversations/{thread.pk}/").status_code == 404
    )
    assert (
        client_for(named.outsider).get(f"/orgs/acme/conversations/{thread.pk}/").status_code == 404
    )
    # Their staff reply but cannot moderate the network's thread.
    post = Post.objects.get(body="Cash on the day.")
    Moderator.objects.create(organisation=member_org, user=their_staff)
    hide = staff.post(
        f"/orgs/hillside/conversations/{thread.pk}/posts/{post.pk}/moderate/",
        {"hide": "1", "reason": "x"},
    )
    assert hide.status_code == 404


def test_only_a_network_asks_its_members_and_moderators_need_a_role(
    named: Any, client_for: Any
) -> None:
    response = client_for(named.outsider).post(
        "/orgs/other/conversations/new/",
        {"topic": "general", "title": "Hello", "body": "Hi", "network_wide": "on"},
    )
    assert response.status_code == 302
    assert not Thread.objects.get().network_wide
    response = client_for(named.admin).post(
        "/orgs/acme/conversations/moderators/", {"users": [named.outsider.pk]}
    )
    assert response.status_code == 400
    assert "users" in response.context["form"].errors
    assert client_for(named.coordinator).get(
        "/orgs/acme/conversations/moderators/"
    ).status_code in {403, 404}
