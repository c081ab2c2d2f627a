"""Setting up (issue 17, 1): someone asks to start an organisation, an operator checks it,
and the asker becomes its admin; operators can also set one up from the command line."""

from typing import Any

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from coproduce.core.models import (
    AuditAction,
    AuditEvent,
    Invitation,
    Membership,
    Organisation,
    OrganisationRequest,
    Role,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ASK = {
    "name": "Riverside Borough Council",
    "kind": "council",
    "place": "Riverside",
    "description": "Adult social care co-production",
}


def test_asking_then_an_operator_sets_it_up(client_for: Any) -> None:
    lead = UserFactory(email="lead@riverside.gov.uk")
    operator = UserFactory(email="ops@example.org", is_staff=True)
    page = client_for(lead).get("/organisations/")
    assert "Start an organisation" in page.content.decode()
    asked = client_for(lead).post("/organisations/new/", ASK)
    assert asked.status_code == 302
    request = OrganisationRequest.objects.get()
    assert "will check it soon" in client_for(lead).get("/organisations/").content.decode()
    assert not Organisation.objects.filter(name=ASK["name"]).exists()
    # Nobody but an operator sees or decides the request.
    assert client_for(lead).get("/operator/organisations/").status_code == 403
    assert (
        client_for(lead)
        .post(f"/operator/organisations/{request.pk}/", {"decision": "approve"})
        .status_code
        == 403
    )
    queue = client_for(operator).get("/operator/organisations/")
    assert ASK["name"] in queue.content.decode()
    client_for(operator).post(f"/operator/organisations/{request.pk}/", {"decision": "approve"})
    organisation = Organisation.objects.get(name=ASK["name"])
    assert (organisation.slug, organisation.place) == ("riverside-borough-council", "Riverside")
    assert Membership.objects.get(organisation=organisation).user == lead
    assert Membership.objects.get(organisation=organisation).role == Role.ADMIN
    assert AuditEvent.objects.filter(
        organisation=organisation, action=AuditAction.ORGANISATION_CREATE
    ).exists()
    home = client_for(lead).get(f"/orgs/{organisation.slug}/")
    assert home.status_code == 200


def test_saying_no_needs_a_reason_the_asker_sees(client_for: Any) -> None:
    lead = UserFactory()
    operator = UserFactory(is_staff=True)
    client_for(lead).post("/organisations/new/", ASK)
    request = OrganisationRequest.objects.get()
    address = f"/operator/organisations/{request.pk}/"
    client_for(operator).post(address, {"decision": "decline"})
    request.refresh_from_db()
    assert request.status == "waiting"
    client_for(operator).post(address, {"decision": "decline", "reason": "A test, not real"})
    request.refresh_from_db()
    assert request.status == "declined"
    assert (
        "was not set up: A test, not real"
        in client_for(lead).get("/organisations/").content.decode()
    )
    assert not Organisation.objects.filter(name=ASK["name"]).exists()


def test_a_wrong_request_names_each_field(client_for: Any) -> None:
    page = client_for(UserFactory()).post(
        "/organisations/new/", {"name": "", "kind": "castle", "place": ""}
    )
    assert page.status_code == 400
    assert set(page.context["form"].errors) == {"name", "kind", "place"}
    assert not OrganisationRequest.objects.exists()


def test_an_installation_can_set_organisations_up_straight_away(
    client_for: Any, settings: Any
) -> None:
    settings.COPRODUCE_CHECK_NEW_ORGANISATIONS = False
    lead = UserFactory()
    answer = client_for(lead).post("/organisations/new/", ASK)
    organisation = Organisation.objects.get(name=ASK["name"])
    assert answer["Location"] == organisation.get_absolute_url()
    assert Membership.objects.get(organisation=organisation).user == lead


def test_the_command_sets_up_an_organisation_and_invites_a_new_admin(
    capsys: Any, deliver: Any
) -> None:
    call_command("org", "create", "--name", "Hope Street", "--kind", "community",
                 "--admin", "Jo@Hope.example", "--place", "Leeds")  # fmt: skip
    deliver()
    organisation = Organisation.objects.get(name="Hope Street")
    invitation = Invitation.objects.get(organisation=organisation)
    assert (invitation.email, invitation.role) == ("jo@hope.example", Role.ADMIN)
    assert len(mail.outbox) == 1
    assert "/invitations/" in capsys.readouterr().out


def test_the_command_gives_an_existing_account_the_admin_role_and_joins_a_network(
    cast: Any,
) -> None:
    call_command("org", "create", "--name", "Carers Hub", "--kind", "voluntary",
                 "--admin", cast.coordinator.email, "--network", cast.org.slug)  # fmt: skip
    organisation = Organisation.objects.get(name="Carers Hub")
    assert Membership.objects.get(organisation=organisation).user == cast.coordinator
    assert organisation in cast.org.members.all()
    with pytest.raises(CommandError, match="No network"):
        call_command("org", "create", "--name", "X", "--kind", "council", "--admin", "a@b.c",
                     "--network", "nowhere")  # fmt: skip
