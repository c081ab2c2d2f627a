import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from coproduce.core import services
from coproduce.core.models import Role
from coproduce.core.tenancy import role_in

pytestmark = pytest.mark.django_db


def test_healthz_reports_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_start_page_is_public_and_pages_need_sign_in(client, cast):
    assert client.get("/").status_code == 200
    response = client.get(reverse("reports:organisation-home", args=["acme"]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_dashboard_lists_organisations_with_roles(client_for, cast):
    cast.coordinator.memberships.create(organisation=cast.other_org, role=Role.VIEWER)
    response = client_for(cast.coordinator).get(reverse("core:dashboard"))
    assert response.status_code == 200
    assert b"Acme Community Network" in response.content
    assert b"Other Borough Council" in response.content


def test_single_organisation_dashboard_goes_straight_there(client_for, cast):
    response = client_for(cast.member).get(reverse("core:dashboard"))
    assert response.status_code == 302
    assert response["Location"] == "/orgs/acme/"


def test_admin_invites_by_email(client_for, cast, mailoutbox, deliver):
    response = client_for(cast.admin).post(
        "/orgs/acme/members/", {"email": "newcomer@example.test", "role": "coordinator"}
    )
    assert response.status_code == 302
    deliver()
    assert len(mailoutbox) == 1
    assert "http://testserver/invitations/" in mailoutbox[0].body


def test_invite_form_errors_name_the_fields(client_for, cast):
    response = client_for(cast.admin).post("/orgs/acme/members/", {"email": "not an email"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert 'href="#id_email"' in content
    assert 'href="#id_role_0"' in content


def test_coordinator_cannot_manage_members(client_for, cast):
    assert client_for(cast.coordinator).get("/orgs/acme/members/").status_code == 403


def test_admin_changes_a_role(client_for, cast):
    membership = cast.member.memberships.get()
    response = client_for(cast.admin).post(
        f"/orgs/acme/members/{membership.pk}/", {"action": "role", "role": "coordinator"}
    )
    assert response.status_code == 302
    assert role_in(cast.member, cast.org) == Role.COORDINATOR


def test_admin_cannot_change_a_membership_of_another_org(client_for, cast):
    theirs = cast.outsider.memberships.get()
    response = client_for(cast.admin).post(f"/orgs/acme/members/{theirs.pk}/", {"action": "remove"})
    assert response.status_code == 404
    assert role_in(cast.outsider, cast.other_org) == Role.ADMIN


def test_accepting_an_invitation_through_the_page(client_for, cast):
    issued = services.invitation_create(
        organisation=cast.org, email=cast.outsider.email, role=Role.REVIEWER, by=cast.admin
    )
    client = client_for(cast.outsider)
    url = reverse("core:invitation-accept", args=[issued.token])
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302
    assert role_in(cast.outsider, cast.org) == Role.REVIEWER
    assert client.get(url).status_code == 404


def test_unknown_invitation_link_explains_kindly(client):
    response = client.get(reverse("core:invitation-accept", args=["nope"]))
    assert response.status_code == 404
    assert b"ask the person who invited you" in response.content


def test_coordinators_must_set_up_two_step_sign_in(client_for, cast, settings):
    settings.COPRODUCE_REQUIRE_MFA = True
    client = client_for(cast.coordinator)
    response = client.get("/orgs/acme/")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    Authenticator.objects.create(user=cast.coordinator, type=Authenticator.Type.TOTP, data={})
    assert client.get("/orgs/acme/").status_code == 200


def test_members_are_not_asked_for_two_step_sign_in(client_for, cast, settings):
    settings.COPRODUCE_REQUIRE_MFA = True
    assert client_for(cast.member).get("/orgs/acme/").status_code == 200


def test_failed_sign_ins_are_throttled_per_account(client, cast):
    url = reverse("account_login")
    for _ in range(5):
        response = client.post(url, {"login": cast.coordinator.email, "password": "wrong"})
        assert b"Too many failed" not in response.content
    response = client.post(url, {"login": cast.coordinator.email, "password": "wrong"})
    assert b"Too many failed login attempts" in response.content
    # Even the right password is refused until the limit resets.
    right = {"login": cast.coordinator.email, "password": "a long test password 42"}
    response = client.post(url, right)
    assert response.status_code == 200
    assert b"Too many failed login attempts" in response.content
