"""Deploy checks of our own (`coproduce manage check --deploy`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

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
    """A live site must send its emails: the console backend logs working reset links,
    and with no mail service set up they wait in the outbox for ever."""
    if settings.DEBUG:
        return []
    backend = settings.MESSAGING_EMAIL_BACKEND
    by_notify = bool(settings.NOTIFY_API_KEY and settings.NOTIFY_TEMPLATES.get("email"))
    if backend in NOT_SENT:
        problem = (
            "Emails are not sent: the mail backend writes them to the log or nowhere, and "
            "a password-reset link in a log lets anyone who reads it into that account."
        )
    elif not backend and not by_notify:
        problem = "Emails are not sent: no mail server or GOV.UK Notify is set up."
    else:
        return []
    return [
        Error(
            problem,
            hint="Set EMAIL_URL to your mail server, or NOTIFY_API_KEY and an email "
            "template in NOTIFY_TEMPLATES (docs/operations.md, Messages).",
            id="coproduce.E001",
        )
    ]


@register(Tags.security, deploy=True)
def login_limits_are_shared(app_configs: Any, **kwargs: Any) -> list[Warning]:
    """Limits on login attempts count in the cache: a cache in each worker's memory lets
    every worker allow the full number again."""
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.DEBUG or not backend.endswith("LocMemCache"):
        return []
    return [
        Warning(
            "Limits on login attempts are counted in each server process's memory, so "
            "several workers allow several times as many guesses.",
            hint="Set CACHE_URL to a Redis server that every worker shares.",
            id="coproduce.W001",
        )
    ]
