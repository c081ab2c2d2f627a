"""The account, email and two-step pages in plain English (issue 17, 7): found from
outside, they used allauth's "Sign In", "Make Primary" and "Two-Factor Authentication",
and the two-step key was cut off in a greyed-out box with no way to copy it."""

import re

import pytest
from django.test import Client

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _words(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_signing_in_and_account_pages_speak_plain_english(cast, client_for):
    login = _words(Client().get("/accounts/login/").content.decode())
    assert "Sign in" in login
    assert "Sign In" not in login
    emails = _words(client_for(cast.coordinator).get("/accounts/email/").content.decode())
    assert "Your email addresses" in emails
    assert "Make Primary" not in emails
    change = _words(client_for(cast.coordinator).get("/accounts/password/change/").content.decode())
    assert "Your password now" in change


def test_the_two_step_key_is_shown_whole_with_a_copy_button(cast):
    client = Client()
    signed_in = client.post(
        "/accounts/login/", {"login": cast.coordinator.email, "password": PASSWORD}
    )
    assert signed_in.status_code == 302
    # Setting it up asks for the password again first, in plain words too.
    asked = client.get("/accounts/2fa/totp/activate/", follow=True)
    assert "Check it is you" in _words(asked.content.decode())
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    html = page.content.decode()
    secret = page.context["form"].secret
    assert f'<code class="cp-secret" id="totp-secret">{secret}</code>' in html
    assert 'data-copy="totp-secret"' in html
    assert "disabled" not in html.split('id="main-content"')[-1]
    assert "Set up two-step sign-in" in _words(html)
