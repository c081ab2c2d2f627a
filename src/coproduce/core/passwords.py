"""Refuse passwords that are easy to guess, checked on this server with nothing sent out.

zxcvbn (Dropbox's strength estimator) carries its own lists: 30,000 passwords from
public breaches, common names and words, keyboard patterns, dates and l33t spellings.
A password scoring under 3 of 4 would fall to an offline guessing attack in days; it is
refused with advice, whatever its length. Django's CommonPasswordValidator (another
20,000 leaked passwords) runs beside it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from zxcvbn import zxcvbn

MINIMUM_SCORE = 3
# zxcvbn refuses more than 72 characters (a ValueError, which was a 500 on sign-up), and
# slows down on long input; what follows the first 72 only makes a password stronger.
CHECKED_LENGTH = 72


class GuessablePasswordValidator:
    def validate(self, password: str, user: Any = None) -> None:
        hints = [
            str(value)
            for value in (
                getattr(user, "email", ""),
                getattr(user, "first_name", ""),
                getattr(user, "last_name", ""),
            )
            if value
        ]
        result = zxcvbn(password[:CHECKED_LENGTH], user_inputs=hints)
        if result["score"] >= MINIMUM_SCORE:
            return
        leaked = any(
            match.get("dictionary_name") == "passwords" for match in result.get("sequence", [])
        )
        if leaked:
            message = _(
                "This password is too easy to guess: it is, or is built from, a password "
                "that has been leaked online before."
            )
        else:
            message = _("This password is too easy to guess.")
        raise ValidationError(
            f"{message} {_('Try three or four words that have nothing to do with each other.')}",
            code="password_guessable",
        )

    def get_help_text(self) -> str:
        return _(
            "Use at least 12 characters. Three or four unrelated words are easy to remember "
            "and hard to guess."
        )
