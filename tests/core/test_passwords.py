"""Passwords that have leaked before, or are easy to guess, are refused offline."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError


@pytest.mark.parametrize(
    "password",
    ["password1234", "Password1234!", "q1w2e3r4t5y6", "iloveyou2020", "qwertyuiop123"],
)
def test_leaked_passwords_are_refused_whatever_their_length(password):
    with pytest.raises(ValidationError, match="leaked online before"):
        validate_password(password)


@pytest.mark.parametrize(
    "password", ["correct horse battery staple", "kettle violin mossy harbour", "Tq9#vL2m!xR4pZ"]
)
def test_unrelated_words_and_random_strings_are_accepted(password):
    validate_password(password)


@pytest.mark.django_db
def test_signup_says_why_a_password_was_refused(client):
    response = client.post(
        "/accounts/signup/",
        {"email": "new@example.org", "password1": "password1234", "password2": "password1234"},
    )
    assert response.status_code == 200
    assert "leaked online before" in response.content.decode()
