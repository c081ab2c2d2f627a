"""Joining (issue 17, 1): a person asks to join an organisation and its admin gives them a
role; an organisation's admin asks for it to join a network and the network's admin
accepts it. Nobody else can answer, and a no carries its reason back."""

from typing import Any

import pytest

from coproduce.core.models import (
    AuditAction,
    AuditEvent,
    JoinRequest,
    Membership,
    NetworkMembership,
    OrganisationKind,
    Role,
)
from coproduce.core.tenancy import role_in
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_person_finds_an_organisation_asks_and_is_given_a_role(
    cast: Any, client_for: Any
) -> None:
    newcomer = UserFactory(email="kai@example.org")
    client = client_for(newcomer)
    assert "Join an organisation" in client.get("/organisations/?stay=1").content.decode()
    found = client.get("/organisations/join/", {"q": "acme"}).content.decode()
    assert "/organisations/join/acme/" in found
    assert "Other Borough" not in found
    # Someone already in the organisation does not see it offered.
    assert "/organisations/join/acme/" not in (
        client_for(cast.coordinator).get("/organisations/join/", {"q": "acme"}).content.decode()
    )
    asked = client.post("/organisations/join/acme/", {"member": "me", "message": "I chair a group"})
    assert asked.status_code == 302
    # Asking twice keeps one request.
    client.post("/organisations/join/acme/", {"member": "me"})
    request = JoinRequest.objects.get()
    assert (request.organisation, request.member, request.message) == (
        cast.org,
        None,
        "I chair a group",
    )
    assert "Its admins will answer" in client.get("/organisations/?stay=1").content.decode()
    # The admin sees it on the home page and the members page; a coordinator cannot answer.
    assert "1 asking to join" in client_for(cast.admin).get("/orgs/acme/").content.decode()
    assert (
        "kai@example.org"
        in client_for(cast.admin).get("/orgs/acme/join-requests/").content.decode()
    )
    decide = f"/orgs/acme/join-requests/{request.pk}/"
    assert client_for(cast.coordinator).post(decide, {"decision": "approve"}).status_code == 403
    assert client_for(cast.outsider).post(decide, {"decision": "approve"}).status_code == 404
    bad = client_for(cast.admin).post(decide, {"decision": "maybe"})
    assert bad.status_code == 400
    assert "decision" in bad.content.decode()
    done = client_for(cast.admin).post(decide, {"decision": "approve", "role": "member"})
    assert done.status_code == 302
    assert role_in(newcomer, cast.org) == Role.MEMBER
    assert AuditEvent.objects.filter(organisation=cast.org, action=AuditAction.JOIN_DECIDE).exists()
    again = client_for(cast.admin).post(decide, {"decision": "approve", "role": "admin"})
    assert again.status_code == 409
    assert Membership.objects.get(user=newcomer).role == Role.MEMBER


def test_saying_no_needs_a_reason_which_the_asker_sees(cast: Any, client_for: Any) -> None:
    newcomer = UserFactory()
    client_for(newcomer).post("/organisations/join/acme/", {"member": "me"})
    decide = f"/orgs/acme/join-requests/{JoinRequest.objects.get().pk}/"
    no_reason = client_for(cast.admin).post(decide, {"decision": "decline"})
    assert no_reason.status_code == 400
    assert "Say why" in no_reason.content.decode()
    client_for(cast.admin).post(decide, {"decision": "decline", "reason": "We only take staff"})
    assert not Membership.objects.filter(user=newcomer).exists()
    page = client_for(newcomer).get("/organisations/?stay=1").content.decode()
    assert "said no: We only take staff" in page


def test_an_organisation_asks_to_join_a_network_and_its_admin_accepts(
    cast: Any, client_for: Any
) -> None:
    # cast.org ("acme") is a network; cast.outsider runs "other".
    page = client_for(cast.outsider).get("/organisations/join/acme/").content.decode()
    assert "Other Borough Council" in page
    asked = client_for(cast.outsider).post(
        "/organisations/join/acme/", {"member": str(cast.other_org.pk)}
    )
    assert asked.status_code == 302
    request = JoinRequest.objects.get()
    assert request.member == cast.other_org
    client_for(cast.admin).post(f"/orgs/acme/join-requests/{request.pk}/", {"decision": "approve"})
    assert NetworkMembership.objects.filter(network=cast.org, organisation=cast.other_org).exists()
    # The outsider's own role is unchanged: the organisation joined, not the person.
    assert role_in(cast.outsider, cast.org) is None


def test_only_an_admin_of_the_organisation_can_ask_for_it_and_only_of_a_network(
    cast: Any, client_for: Any
) -> None:
    council = OrganisationFactory(kind=OrganisationKind.COUNCIL)
    runs = UserFactory()
    MembershipFactory(user=runs, organisation=council, role=Role.COORDINATOR)
    # A coordinator is not offered their organisation, and a forged choice is refused.
    response = client_for(runs).post("/organisations/join/acme/", {"member": str(council.pk)})
    assert response.status_code == 400
    assert not JoinRequest.objects.exists()
    # Not a network: the choice is only "me".
    page = client_for(cast.outsider).get(f"/organisations/join/{council.slug}/").content.decode()
    assert "Other Borough Council" not in page
