"""Deploy checks of our own (`coproduce manage check --deploy`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register

# Backends that write each email, password-reset links included, to the server's log or
# disk instead of sending it.
NOT_SENT = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
}


@register(Tags.security, deploy=True)
def email_is_sent(app_configs: Any, **kwargs: Any) -> list[Error]:
    """A live site must send its emails: the console backend logs working reset links."""
    if settings.DEBUG or settings.EMAIL_BACKEND not in NOT_SENT:
        return []
    return [
        Error(
            "Emails are not sent: EMAIL_BACKEND writes them to the log or nowhere, and a "
            "password-reset link in a log lets anyone who reads it into that account.",
            hint="Set EMAIL_BACKEND to an SMTP backend (and EMAIL_HOST and its login).",
            id="coproduce.E001",
        )
    ]
