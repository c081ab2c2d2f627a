"""14. API tokens expire, have a scope, and can be listed and stopped by their holder."""

import datetime
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from coproduce.core.models import ApiToken, Role
from coproduce.core.services import api_token_create
from coproduce.people.models import Person
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def _client(token: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def _new_person(client: Client, org: str = "acme") -> Any:
    return client.post(
        f"/api/v1/orgs/{org}/people",
        {"preferred_name": "Ash"},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=f"ash-{org}",
    )


def test_a_token_stops_working_when_it_expires(cast: Any) -> None:
    issued = api_token_create(user=cast.coordinator, days=30)
    assert _client(issued.token).get("/api/v1/orgs/acme/people").status_code == 200
    ApiToken.objects.filter(pk=issued.api_token.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert _client(issued.token).get("/api/v1/orgs/acme/people").status_code == 401


def test_every_token_has_an_expiry(cast: Any) -> None:
    issued = api_token_create(user=cast.coordinator)
    left = issued.api_token.expires_at - timezone.now()
    assert datetime.timedelta(days=89) < left <= datetime.timedelta(days=90)


def test_a_read_only_token_reads_but_cannot_change_anything(cast: Any) -> None:
    client = _client(api_token_create(user=cast.coordinator, write=False).token)
    assert client.get("/api/v1/orgs/acme/people").status_code == 200
    refused = _new_person(client)
    assert refused.status_code == 403
    assert "only read" in refused.json()["detail"]
    assert not Person.objects.filter(preferred_name="Ash").exists()


def test_a_token_for_one_organisation_sees_no_other(cast: Any) -> None:
    MembershipFactory(user=cast.coordinator, organisation=cast.other_org, role=Role.COORDINATOR)
    client = _client(api_token_create(user=cast.coordinator, organisation=cast.org).token)
    listed = client.get("/api/v1/organisations").json()
    assert [o["slug"] for o in listed] == ["acme"]
    other = cast.other_org.slug
    assert client.get(f"/api/v1/orgs/{other}/people").status_code == 404
    assert _new_person(client, other).status_code == 404
    assert _new_person(client).status_code == 201


def test_a_token_cannot_be_made_for_someone_else_s_organisation(cast: Any) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="organisation"):
        api_token_create(user=cast.coordinator, organisation=cast.other_org)


def test_the_tokens_page_makes_lists_and_stops_tokens(cast: Any, client_for: Any) -> None:
    browser = client_for(cast.coordinator)
    made = browser.post(
        "/account/api-tokens/",
        {"name": "Reporting script", "organisation": "acme", "access": "read", "days": "30"},
    )
    assert made.status_code == 200
    token = ApiToken.objects.get(user=cast.coordinator)
    secret = made.context["issued"].token
    assert secret in made.content.decode()
    assert (token.organisation, token.can_write) == (cast.org, False)
    # Shown once: the list afterwards names it but never shows the secret.
    listing = browser.get("/account/api-tokens/").content.decode()
    assert "Reporting script" in listing
    assert secret not in listing
    assert _client(secret).get("/api/v1/orgs/acme/people").status_code == 200
    browser.post(f"/account/api-tokens/{token.pk}/revoke/")
    assert _client(secret).get("/api/v1/orgs/acme/people").status_code == 401


def test_the_tokens_page_names_a_wrong_field(cast: Any, client_for: Any) -> None:
    page = client_for(cast.coordinator).post(
        "/account/api-tokens/", {"name": "", "organisation": "acme", "access": "all", "days": "7"}
    )
    assert page.status_code == 400
    assert set(page.context["form"].errors) == {"name", "access", "days"}
    assert not ApiToken.objects.exists()


def test_nobody_stops_someone_else_s_token(cast: Any, client_for: Any) -> None:
    theirs = api_token_create(user=cast.admin)
    answer = client_for(cast.coordinator).post(f"/account/api-tokens/{theirs.api_token.pk}/revoke/")
    assert answer.status_code == 404
    assert _client(theirs.token).get("/api/v1/orgs/acme/people").status_code == 200


def test_the_command_makes_a_scoped_token(cast: Any, capsys: Any) -> None:
    call_command(
        "token", "create", "--user", cast.coordinator.email, "--org", "acme", "--read-only"
    )
    token = ApiToken.objects.get(user=cast.coordinator)
    assert (token.organisation, token.can_write) == (cast.org, False)
