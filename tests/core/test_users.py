"""The login: an email address, one per person whatever its case, and no user name."""

import pytest
from django.db import IntegrityError, transaction
from django.test import Client

from coproduce.core.models import User
from coproduce.core.services import user_create


def test_a_login_is_keyed_by_its_email_in_lower_case(db: None) -> None:
    user = user_create(email="Sam.Jones@Example.org", password="a long test password 42")
    assert user.email == "sam.jones@example.org"
    assert User.USERNAME_FIELD == "email"
    assert not hasattr(user, "username") or user.username is None
    assert User.objects.get_by_natural_key("SAM.JONES@example.org") == user


def test_two_logins_cannot_share_an_address_in_any_case(db: None) -> None:
    User.objects.create_user(email="amara@example.org", password=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        # Written past the manager, as a bulk load or the admin might, still refused.
        User.objects.bulk_create([User(email="Amara@Example.org")])


def test_signing_in_with_the_address_in_another_case_works(db: None, client: Client) -> None:
    user_create(email="noor@example.org", password="a long test password 42")
    response = client.post(
        "/accounts/login/",
        {"login": "Noor@Example.org", "password": "a long test password 42"},
    )
    assert response.status_code == 302
