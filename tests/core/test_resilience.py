"""With the database gone, pages and the API answer 503 with a plain message and a time
to come back, never a stack trace; the health check says so too."""

import pytest
from django.db import connection
from django.test import Client

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_gone(tmp_path):
    """Point the connection at a database that does not exist, as when a server dies."""
    saved = connection.settings_dict["NAME"]
    connection.close()
    gone = (
        str(tmp_path / "missing" / "gone.sqlite3")
        if connection.vendor == "sqlite"
        else "coproduce_no_such_database"
    )
    connection.settings_dict["NAME"] = gone
    yield
    connection.close()
    connection.settings_dict["NAME"] = saved


def test_pages_and_api_say_plainly_when_the_database_is_gone(cast, database_gone):
    client = Client(raise_request_exception=False)
    page = client.get("/library/")
    assert page.status_code == 503
    assert page["Retry-After"] == "30"
    text = page.content.decode()
    assert "We cannot reach our records just now" in text
    assert "Traceback" not in text
    assert "OperationalError" not in text
    api = client.get("/api/v1/orgs/acme/people", headers={"Authorization": "Bearer x"})
    assert api.status_code == 503
    assert api["Content-Type"] == "application/problem+json"
    assert api.json()["title"] == "Service unavailable"
    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.json() == {"status": "error", "database": "unavailable"}
