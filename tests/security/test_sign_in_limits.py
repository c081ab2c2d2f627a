"""7. Sign-in limits are shared by every worker and cannot be turned against someone else."""

from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client, override_settings

from coproduce.core.checks import login_limits_are_shared
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a long and fine password"


@pytest.fixture
def noor() -> Any:
    user = UserFactory(email="noor@example.org")
    user.set_password(PASSWORD)
    user.save()
    return user


def _sign_in(address: str, password: str, email: str = "noor@example.org") -> Any:
    return Client(REMOTE_ADDR=address).post(
        "/accounts/login/", {"login": email, "password": password}
    )


def test_the_default_cache_is_the_database_every_worker_shares() -> None:
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    cache.set("shared", "yes")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM coproduce_cache")
        assert cursor.fetchone()[0] == 1
    with override_settings(DEBUG=False):
        assert login_limits_are_shared(None) == []


def test_wrong_guesses_from_elsewhere_do_not_lock_the_person_out(noor: Any) -> None:
    for _ in range(5):
        assert _sign_in("198.51.100.9", "wrong guess").status_code == 200
    refused = _sign_in("198.51.100.9", "wrong guess")
    assert "Too many failed login attempts" in refused.content.decode()
    # Even the right password is refused from the guesser's address for now...
    assert _sign_in("198.51.100.9", PASSWORD).status_code == 200
    # ...but Noor, on her own phone, signs in.
    assert _sign_in("203.0.113.20", PASSWORD).status_code == 302


def test_guesses_spread_over_many_addresses_still_stop(noor: Any, settings: Any) -> None:
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed_account": "8/h/key",
    }
    for n in range(8):
        assert "Too many" not in _sign_in(f"192.0.2.{n}", "wrong guess").content.decode()
    assert "Too many" in _sign_in("192.0.2.200", "wrong guess").content.decode()


def test_signing_in_does_not_use_up_the_account_wide_limit(noor: Any, settings: Any) -> None:
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed_account": "2/h/key",
    }
    for n in range(4):
        assert _sign_in(f"192.0.2.{n}", PASSWORD).status_code == 302
