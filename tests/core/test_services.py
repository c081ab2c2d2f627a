import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from coproduce.core import services
from coproduce.core.models import AuditEvent, Membership, OrganisationKind, Role
from coproduce.core.tenancy import organisations_for, role_in
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_creator_becomes_first_admin_and_it_is_audited():
    user = UserFactory()
    org = services.organisation_create(name="Hope Street", slug="hope", kind="community", by=user)
    assert role_in(user, org) == Role.ADMIN
    assert AuditEvent.objects.filter(organisation=org, action="organisation.create").exists()


def test_networks_nest_and_refuse_loops():
    regional = OrganisationFactory(kind=OrganisationKind.NETWORK)
    locality = OrganisationFactory(kind=OrganisationKind.NETWORK)
    group = OrganisationFactory()
    services.network_member_add(network=regional, organisation=locality, by=None)
    services.network_member_add(network=locality, organisation=group, by=None)
    assert list(regional.members.all()) == [locality]
    assert list(group.networks.all()) == [locality]
    with pytest.raises(ValidationError) as error:
        services.network_member_add(network=locality, organisation=regional, by=None)
    assert "organisation" in error.value.message_dict


def test_only_a_network_can_have_members():
    council = OrganisationFactory(kind=OrganisationKind.COUNCIL)
    with pytest.raises(ValidationError) as error:
        services.network_member_add(network=council, organisation=OrganisationFactory(), by=None)
    assert "network" in error.value.message_dict


def test_the_last_admin_cannot_step_down_or_be_removed(cast):
    with pytest.raises(ValidationError):
        services.membership_set_role(
            organisation=cast.org, user=cast.admin, role=Role.MEMBER, by=cast.admin
        )
    with pytest.raises(ValidationError):
        services.membership_remove(
            membership=Membership.objects.get(user=cast.admin, organisation=cast.org), by=cast.admin
        )
    assert role_in(cast.admin, cast.org) == Role.ADMIN


def test_role_change_is_audited_with_old_and_new_role(cast):
    services.membership_set_role(
        organisation=cast.org, user=cast.member, role=Role.COORDINATOR, by=cast.admin
    )
    event = AuditEvent.objects.get(action="membership.role", organisation=cast.org)
    assert event.changes == {"role": [Role.MEMBER, Role.COORDINATOR]}
    assert event.actor == cast.admin


def test_invitation_link_works_once_for_the_invited_address(cast):
    issued = services.invitation_create(
        organisation=cast.org, email="New.Person@Example.test", role=Role.COORDINATOR, by=cast.admin
    )
    # Only the hash is stored, never the token.
    assert issued.token not in issued.invitation.token_hash
    someone_else = UserFactory()
    with pytest.raises(ValidationError):
        services.invitation_accept(invitation=issued.invitation, user=someone_else)
    invited = UserFactory(email="new.person@example.test")
    membership = services.invitation_accept(invitation=issued.invitation, user=invited)
    assert membership.role == Role.COORDINATOR
    assert services.invitation_for_token(issued.token) is None
    with pytest.raises(ValidationError):
        services.invitation_accept(invitation=issued.invitation, user=invited)


def test_expired_invitation_is_not_found(cast):
    issued = services.invitation_create(
        organisation=cast.org, email="late@example.test", role=Role.MEMBER, by=cast.admin
    )
    issued.invitation.expires_at = timezone.now() - datetime.timedelta(seconds=1)
    issued.invitation.save()
    assert services.invitation_for_token(issued.token) is None


def test_invitation_email_waits_in_the_outbox_until_the_worker_sends_it(cast, deliver):
    issued = services.invitation_create(
        organisation=cast.org, email="friend@example.test", role=Role.MEMBER, by=cast.admin
    )
    services.invitation_send(issued=issued, link=f"https://example.test/i/{issued.token}")
    assert mail.outbox == []
    deliver()
    assert len(mail.outbox) == 1
    assert issued.token in mail.outbox[0].body
    assert mail.outbox[0].to == ["friend@example.test"]


def test_inviting_an_existing_member_is_refused(cast):
    with pytest.raises(ValidationError) as error:
        services.invitation_create(
            organisation=cast.org, email=cast.member.email, role=Role.MEMBER, by=cast.admin
        )
    assert "email" in error.value.message_dict


def test_api_token_is_stored_hashed_and_can_be_revoked(cast):
    issued = services.api_token_create(user=cast.coordinator)
    assert issued.token.startswith(f"cp_{issued.api_token.prefix}_")
    assert issued.token not in issued.api_token.token_hash
    assert services.api_token_authenticate(issued.token).user == cast.coordinator
    services.api_token_revoke(api_token=issued.api_token)
    assert services.api_token_authenticate(issued.token) is None


def test_organisations_for_lists_only_memberships(cast):
    assert set(organisations_for(cast.outsider)) == {cast.other_org}
    assert set(organisations_for(cast.coordinator)) == {cast.org}
