import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from coproduce.core.models import ApiToken

pytestmark = pytest.mark.django_db


def test_token_create_prints_a_working_token_on_its_last_line(cast):
    out = io.StringIO()
    call_command("token", "create", "--user", cast.coordinator.email.upper(), stdout=out)
    token = out.getvalue().strip().splitlines()[-1]
    response = Client(HTTP_AUTHORIZATION=f"Bearer {token}").get("/api/v1/organisations")
    assert response.status_code == 200
    assert response.json()[0]["slug"] == "acme"


def test_token_revoke_stops_it_working(cast):
    out = io.StringIO()
    call_command("token", "create", "--user", cast.coordinator.email, stdout=out)
    token = out.getvalue().strip().splitlines()[-1]
    prefix = ApiToken.objects.get().prefix
    call_command("token", "revoke", prefix, stdout=io.StringIO())
    response = Client(HTTP_AUTHORIZATION=f"Bearer {token}").get("/api/v1/organisations")
    assert response.status_code == 401


def test_token_for_unknown_user_fails_clearly(db):
    with pytest.raises(CommandError, match="No account"):
        call_command("token", "create", "--user", "nobody@example.test")
