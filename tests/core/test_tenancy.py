"""A user of one organisation gets 404 for another organisation's records, on every page and
endpoint, and a property test over random memberships agrees with the membership table."""

import pytest
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from coproduce.core.models import Membership, Role
from coproduce.core.services import api_token_create
from coproduce.core.tenancy import organisations_for
from coproduce.people.models import Consent
from tests.factories import ConsentFactory, OrganisationFactory, PersonFactory, UserFactory


def _org_pages(cast):
    person = cast.coproducer
    consent = ConsentFactory(person=person)
    membership = Membership.objects.get(user=cast.member)
    invitation_pk = 999_999
    base = "/orgs/acme"
    return [
        ("get", f"{base}/"),
        ("get", f"{base}/members/"),
        ("post", f"{base}/members/{membership.pk}/"),
        ("post", f"{base}/invitations/{invitation_pk}/revoke/"),
        ("get", f"{base}/people/"),
        ("get", f"{base}/people/new/"),
        ("post", f"{base}/people/new/"),
        ("get", f"{base}/people/{person.pk}/"),
        ("get", f"{base}/people/{person.pk}/edit/"),
        ("post", f"{base}/people/{person.pk}/edit/"),
        ("get", f"{base}/people/{person.pk}/delete/"),
        ("post", f"{base}/people/{person.pk}/delete/"),
        ("get", f"{base}/people/{person.pk}/equality/"),
        ("post", f"{base}/people/{person.pk}/equality/"),
        ("get", f"{base}/people/{person.pk}/consents/new/"),
        ("post", f"{base}/people/{person.pk}/consents/new/"),
        ("get", f"{base}/people/{person.pk}/consents/{consent.pk}/withdraw/"),
        ("post", f"{base}/people/{person.pk}/consents/{consent.pk}/withdraw/"),
    ]


@pytest.mark.django_db
def test_outsider_gets_404_on_every_organisation_page(cast, client_for):
    client = client_for(cast.outsider)
    pages = _org_pages(cast)
    for method, url in pages:
        response = getattr(client, method)(url, {"preferred_name": "Changed"})
        assert response.status_code == 404, (method, url, response.status_code)
    # Nothing of theirs changed hands.
    cast.coproducer.refresh_from_db()
    assert cast.coproducer.preferred_name == "Noor"
    assert Consent.objects.active().count() == 1


@pytest.mark.django_db
def test_admin_of_acme_cannot_reach_other_orgs_person_through_acme_urls(cast, client_for):
    client = client_for(cast.admin)
    theirs = cast.other_person.pk
    for url in (
        f"/orgs/acme/people/{theirs}/",
        f"/orgs/acme/people/{theirs}/edit/",
        f"/orgs/other/people/{theirs}/",
    ):
        assert client.get(url).status_code == 404, url


@pytest.mark.django_db
def test_outsider_gets_404_on_every_api_endpoint(cast):
    token = api_token_create(user=cast.outsider).token
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    pk = cast.coproducer.pk
    calls = [
        ("get", "/api/v1/orgs/acme/people", None),
        ("post", "/api/v1/orgs/acme/people", {"preferred_name": "Intruder"}),
        ("get", f"/api/v1/orgs/acme/people/{pk}", None),
        ("patch", f"/api/v1/orgs/acme/people/{pk}", {"preferred_name": "Changed"}),
        ("delete", f"/api/v1/orgs/acme/people/{pk}", None),
        # Their own organisation's URL with our person's id: still not found.
        ("get", f"/api/v1/orgs/other/people/{pk}", None),
        ("patch", f"/api/v1/orgs/other/people/{pk}", {"preferred_name": "Changed"}),
        ("delete", f"/api/v1/orgs/other/people/{pk}", None),
    ]
    for method, url, body in calls:
        kwargs = {"data": body, "content_type": "application/json"} if body else {}
        response = getattr(client, method)(url, **kwargs)
        assert response.status_code == 404, (method, url, response.status_code)
        assert response["Content-Type"] == "application/problem+json"
    cast.coproducer.refresh_from_db()
    assert cast.coproducer.preferred_name == "Noor"
    listing = client.get("/api/v1/organisations").json()
    assert [org["slug"] for org in listing] == ["other"]


ROLES = st.sampled_from(Role.values)


class RandomMembershipsTest(TestCase):
    """Over random memberships, what each user can reach is exactly what the membership table says."""

    @settings(max_examples=40, deadline=None)
    @given(
        grid=st.lists(
            st.lists(st.one_of(st.none(), ROLES), min_size=3, max_size=3), min_size=1, max_size=4
        )
    )
    def test_reach_matches_memberships(self, grid):
        orgs = [OrganisationFactory() for _ in range(3)]
        people = [PersonFactory(organisation=org) for org in orgs]
        for roles in grid:
            user = UserFactory()
            for org, role in zip(orgs, roles, strict=True):
                if role is not None:
                    Membership.objects.create(user=user, organisation=org, role=role)
            allowed = {org.pk for org, role in zip(orgs, roles, strict=True) if role}
            assert {o.pk for o in organisations_for(user)} == allowed

            client = Client()
            client.force_login(user)
            token = api_token_create(user=user).token
            api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
            for org, person, role in zip(orgs, people, roles, strict=True):
                page = client.get(f"/orgs/{org.slug}/people/{person.pk}/").status_code
                endpoint = api.get(f"/api/v1/orgs/{org.slug}/people/{person.pk}").status_code
                if role is None:
                    assert (page, endpoint) == (404, 404)
                elif role in (Role.ADMIN, Role.COORDINATOR):
                    assert (page, endpoint) == (200, 200)
                else:
                    assert (page, endpoint) == (403, 403)
                # A person from another organisation, through this organisation's URL.
                stranger = people[(orgs.index(org) + 1) % len(orgs)]
                crossed = client.get(f"/orgs/{org.slug}/people/{stranger.pk}/").status_code
                assert crossed == 404
