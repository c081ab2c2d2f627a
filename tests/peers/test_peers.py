"""The peer network (issue 21, part 1): a directory of what organisations offer,
requests for help answered by offers, a peer reviewer from another organisation
answering an assessment round, and the learning log, all inside the networks an
organisation belongs to."""

from typing import Any

import pytest
from django.core import mail

from coproduce.assessments.models import Respondent, RespondentGroup
from coproduce.assessments.services import assessment_create
from coproduce.core.models import AuditEvent, NetworkMembership, OrganisationKind, Role
from coproduce.frameworks.models import StatementSet
from coproduce.peers.models import HelpRequest, LearningNote, Listing, Offer, RequestStatus
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


class World:
    def __init__(self, cast: Any) -> None:
        self.network = cast.org
        self.asker = OrganisationFactory(name="Riverside Carers", slug="riverside")
        self.helper = OrganisationFactory(name="Hillside Mind", slug="hillside")
        self.third = OrganisationFactory(name="Lakeside Trust", slug="lakeside")
        for member in (self.asker, self.helper, self.third):
            NetworkMembership.objects.create(network=self.network, organisation=member)
        self.asker_admin = MembershipFactory(organisation=self.asker, role=Role.ADMIN).user
        self.helper_admin = MembershipFactory(organisation=self.helper, role=Role.ADMIN).user
        self.third_admin = MembershipFactory(organisation=self.third, role=Role.ADMIN).user
        self.helper_member = MembershipFactory(organisation=self.helper, role=Role.MEMBER).user
        self.helper_viewer = MembershipFactory(organisation=self.helper, role=Role.VIEWER).user
        self.outsider = cast.outsider
        self.assessment = assessment_create(
            organisation=self.asker,
            by=self.asker_admin,
            title="Our co-production check",
            subject="",
            statement_set=StatementSet.objects.get(
                key="six-elements-check", framework__is_current=True
            ),
        )


@pytest.fixture
def world(cast: Any) -> World:
    return World(cast)


def ask_for_reviewer(world: World, client_for: Any) -> HelpRequest:
    response = client_for(world.asker_admin).post(
        "/orgs/riverside/peers/ask/",
        {
            "kind": "peer_review",
            "title": "A peer reviewer for our co-production check",
            "detail": "Two hours in March.",
            "network": world.network.pk,
            "assessment": world.assessment.pk,
        },
    )
    assert response.status_code == 302
    return HelpRequest.objects.get(organisation=world.asker)


def test_a_peer_reviewer_from_another_organisation_joins_the_round(
    world: World, client_for: Any, deliver: Any
) -> None:
    asked = ask_for_reviewer(world, client_for)
    helper = client_for(world.helper_admin)
    page = helper.get("/orgs/hillside/peers/").content.decode()
    assert "A peer reviewer for our co-production check" in page

    response = helper.post(
        f"/orgs/hillside/peers/requests/{asked.pk}/", {"message": "I can review in March."}
    )
    assert response.status_code == 302
    offer = Offer.objects.get(request=asked)
    assert (offer.organisation, offer.helper) == (world.helper, world.helper_admin)

    asker = client_for(world.asker_admin)
    assert (
        "I can review in March."
        in asker.get(f"/orgs/riverside/peers/requests/{asked.pk}/").content.decode()
    )
    response = asker.post(f"/orgs/riverside/peers/requests/{asked.pk}/offers/{offer.pk}/accept/")
    assert response.status_code == 302

    respondent = Respondent.objects.get(assessment=world.assessment)
    assert respondent.group == RespondentGroup.PEER_REVIEWER
    assert respondent.user == world.helper_admin
    assert respondent.reviewer_organisation == "Hillside Mind"
    asked.refresh_from_db()
    assert asked.status == RequestStatus.MATCHED
    assert AuditEvent.objects.filter(organisation=world.asker, action="peers.accept").exists()
    # The reviewer hears by email, through the outbox, where to open the round.
    deliver()
    (email,) = [e for e in mail.outbox if e.to == [world.helper_admin.email]]
    assert email.subject == "Riverside Carers accepted your offer"
    assert "“A peer reviewer for our co-production check”" in email.body
    assert "http://127.0.0.1:8000/orgs/hillside/peers/" in email.body
    assert "Peer reviews you are doing" in email.body

    response = helper.post(f"/orgs/hillside/peers/reviews/{offer.pk}/start/")
    assert response.status_code == 302
    assert response["Location"].startswith("/answer/")
    assert helper.get(response["Location"]).status_code == 200


def test_only_the_reviewer_can_open_the_review(world: World, client_for: Any) -> None:
    asked = ask_for_reviewer(world, client_for)
    client_for(world.helper_admin).post(
        f"/orgs/hillside/peers/requests/{asked.pk}/", {"message": "Me"}
    )
    offer = Offer.objects.get()
    client_for(world.asker_admin).post(
        f"/orgs/riverside/peers/requests/{asked.pk}/offers/{offer.pk}/accept/"
    )
    colleague = MembershipFactory(organisation=world.helper, role=Role.COORDINATOR).user
    assert (
        client_for(colleague).post(f"/orgs/hillside/peers/reviews/{offer.pk}/start/").status_code
        == 404
    )
    assert (
        client_for(world.asker_admin)
        .post(f"/orgs/riverside/peers/reviews/{offer.pk}/start/")
        .status_code
        == 404
    )


def test_outside_the_network_nothing_is_seen(world: World, client_for: Any) -> None:
    asked = ask_for_reviewer(world, client_for)
    outsider = client_for(world.outsider)
    assert outsider.get(f"/orgs/other/peers/requests/{asked.pk}/").status_code == 404
    assert (
        outsider.post(f"/orgs/other/peers/requests/{asked.pk}/", {"message": "x"}).status_code
        == 404
    )
    assert "A peer reviewer" not in outsider.get("/orgs/other/peers/").content.decode()
    assert outsider.get(f"/orgs/riverside/peers/requests/{asked.pk}/").status_code == 404
    assert not Offer.objects.exists()


def test_co_producers_cannot_see_it_and_viewers_cannot_offer(world: World, client_for: Any) -> None:
    asked = ask_for_reviewer(world, client_for)
    assert client_for(world.helper_member).get("/orgs/hillside/peers/").status_code in {403, 404}
    viewer = client_for(world.helper_viewer)
    assert viewer.get(f"/orgs/hillside/peers/requests/{asked.pk}/").status_code == 200
    assert (
        viewer.post(f"/orgs/hillside/peers/requests/{asked.pk}/", {"message": "x"}).status_code
        == 404
    )
    assert not Offer.objects.exists()


def test_each_helper_sees_only_its_own_offer_and_only_the_asker_accepts(
    world: World, client_for: Any
) -> None:
    asked = ask_for_reviewer(world, client_for)
    client_for(world.helper_admin).post(
        f"/orgs/hillside/peers/requests/{asked.pk}/", {"message": "Hillside can"}
    )
    client_for(world.third_admin).post(
        f"/orgs/lakeside/peers/requests/{asked.pk}/", {"message": "Lakeside can"}
    )
    page = (
        client_for(world.third_admin)
        .get(f"/orgs/lakeside/peers/requests/{asked.pk}/")
        .content.decode()
    )
    assert "Lakeside can" in page
    assert "Hillside can" not in page
    hillside_offer = Offer.objects.get(organisation=world.helper)
    response = client_for(world.third_admin).post(
        f"/orgs/lakeside/peers/requests/{asked.pk}/offers/{hillside_offer.pk}/accept/"
    )
    assert response.status_code == 404
    assert not Respondent.objects.exists()


def test_wrong_requests_and_second_offers_name_the_field(
    world: World, client_for: Any, cast: Any
) -> None:
    asker = client_for(world.asker_admin)
    base = {"kind": "peer_review", "title": "Help", "network": world.network.pk}
    response = asker.post("/orgs/riverside/peers/ask/", base)
    assert response.status_code == 400
    assert "assessment" in response.context["form"].errors
    response = asker.post(
        "/orgs/riverside/peers/ask/", {**base, "network": cast.other_org.pk, "kind": "mentoring"}
    )
    assert response.status_code == 400
    assert "network" in response.context["form"].errors
    asked = ask_for_reviewer(world, client_for)
    helper = client_for(world.helper_admin)
    helper.post(f"/orgs/hillside/peers/requests/{asked.pk}/", {"message": "Once"})
    response = helper.post(f"/orgs/hillside/peers/requests/{asked.pk}/", {"message": "Twice"})
    assert response.status_code == 400
    assert "message" in response.context["form"].errors
    assert Offer.objects.count() == 1


def test_the_directory_shows_network_peers_and_public_entries_only(
    world: World, client_for: Any, cast: Any
) -> None:
    client_for(world.helper_admin).post(
        "/orgs/hillside/peers/entry/",
        {"offers": ["peer_review", "training"], "offers_detail": "Two trained reviewers"},
    )
    assert Listing.objects.get(organisation=world.helper).offers == ["peer_review", "training"]
    Listing.objects.create(organisation=cast.other_org, offers=["venue"], public=False)
    page = client_for(world.asker_admin).get("/orgs/riverside/peers/").content.decode()
    assert "Two trained reviewers" in page
    assert "Other Borough Council" not in page
    Listing.objects.filter(organisation=cast.other_org).update(public=True)
    page = client_for(world.asker_admin).get("/orgs/riverside/peers/?offers=venue").content.decode()
    assert "Other Borough Council" in page
    assert "Two trained reviewers" not in page
    response = client_for(world.helper_admin).post(
        "/orgs/hillside/peers/entry/", {"offers": ["juggling"]}
    )
    assert response.status_code == 400


def test_the_learning_log_keeps_what_was_learned_from_a_peer(
    world: World, client_for: Any, cast: Any
) -> None:
    client = client_for(world.asker_admin)
    response = client.post(
        "/orgs/riverside/peers/learning/",
        {
            "title": "Pay people on the day",
            "learned_from": world.helper.pk,
            "learned": "Cash on the day keeps people coming.",
        },
    )
    assert response.status_code == 302
    note = LearningNote.objects.get()
    assert (note.organisation, note.learned_from) == (world.asker, world.helper)
    response = client.post(
        "/orgs/riverside/peers/learning/",
        {"title": "X", "learned_from": cast.other_org.pk, "learned": "Y"},
    )
    assert response.status_code == 400
    assert "learned_from" in response.context["form"].errors
    assert (
        "Pay people on the day"
        not in client_for(world.helper_admin).get("/orgs/hillside/peers/learning/").content.decode()
    )


def test_a_network_sees_and_asks_its_own_members(world: World, client_for: Any, cast: Any) -> None:
    assert world.network.kind == OrganisationKind.NETWORK
    asked = ask_for_reviewer(world, client_for)
    assert client_for(cast.admin).get(f"/orgs/acme/peers/requests/{asked.pk}/").status_code == 200
