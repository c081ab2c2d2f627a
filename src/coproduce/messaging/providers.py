"""The services that carry messages: a mail server over SMTP (or the console while
developing) and GOV.UK Notify for emails, text messages and letters. Each answers with
the provider's name and reference, or raises PermanentError (do not try again) or TemporaryError
(try again later)."""

from __future__ import annotations

import base64
import contextlib
import smtplib
from email.utils import formataddr, make_msgid, parseaddr
from functools import cache
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.utils import DNS_NAME
from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient

from coproduce.messaging.models import Channel, Message
from coproduce.messaging.routes import address_lines

NOTIFY_CHANNEL = {Channel.EMAIL: "email", Channel.TEXT: "text", Channel.LETTER: "letter"}


class PermanentError(Exception):
    """The message cannot be delivered as it is: a wrong address or number."""


class TemporaryError(Exception):
    """The service is down, busy or not set up yet: try again later."""


class Outgoing:
    """One connection to the mail server for a whole run of messages, opened when the
    first email goes and opened again after anything goes wrong with it."""

    def __init__(self) -> None:
        self._email: Any = None

    def email(self) -> Any:
        if self._email is None:
            self._email = get_connection(settings.MESSAGING_EMAIL_BACKEND)
            self._email.open()
        return self._email

    def broken(self) -> None:
        if self._email is not None:
            # A broken connection may not close cleanly.
            with contextlib.suppress(Exception):
                self._email.close()
            self._email = None

    def close(self) -> None:
        self.broken()


def send(message: Message, body: str, outgoing: Outgoing) -> tuple[str, str]:
    """Send one message (its body with the stop link in place)."""
    if message.channel == Channel.EMAIL and settings.MESSAGING_EMAIL_BACKEND:
        try:
            return "smtp", _send_email(message, body, outgoing)
        except Exception:
            outgoing.broken()
            raise
    template = notify_template(message)
    if template:
        return "notify", _send_notify(message, body, template)
    if message.channel == Channel.EMAIL:
        raise TemporaryError("No email service is set up yet: set EMAIL_URL or NOTIFY_API_KEY.")
    raise TemporaryError(
        f"No GOV.UK Notify template is set up for {message.get_channel_display().lower()}s "
        "yet: set NOTIFY_API_KEY and NOTIFY_TEMPLATES."
    )


def _from_address(message: Message) -> str:
    if message.from_email:
        return message.from_email
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    if message.organisation is not None:
        name = message.organisation.name
    return formataddr((name, address))


def _send_email(message: Message, body: str, outgoing: Outgoing) -> str:
    message_id = make_msgid(domain=DNS_NAME.get_fqdn())
    headers = {"Message-ID": message_id}
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=body,
        from_email=_from_address(message),
        to=[message.to_address],
        headers=headers,
    )
    if message.html:
        email.attach_alternative(message.html, "text/html")
    for attachment in message.attachments:
        content: str | bytes = attachment["content"]
        mimetype = attachment["mimetype"]
        if mimetype.endswith(";base64"):
            content, mimetype = base64.b64decode(content), mimetype.removesuffix(";base64")
        email.attach(attachment["filename"], content, mimetype)
    try:
        email.connection = outgoing.email()
        email.send()
    except smtplib.SMTPRecipientsRefused as error:
        codes = [code for code, _text in error.recipients.values()]
        if all(code >= 500 for code in codes):
            raise PermanentError(f"The mail server refused the address ({codes[0]}).") from error
        raise TemporaryError(f"The mail server could not take it yet ({codes[0]}).") from error
    except smtplib.SMTPDataError as error:
        if error.smtp_code >= 500:
            raise PermanentError(
                f"The mail server refused the message ({error.smtp_code})."
            ) from error
        raise TemporaryError(
            f"The mail server could not take it yet ({error.smtp_code})."
        ) from error
    except (smtplib.SMTPException, OSError) as error:
        raise TemporaryError(f"The mail server could not be reached: {error}") from error
    return message_id


# --- GOV.UK Notify -----------------------------------------------------------------------


@cache
def _client(api_key: str, base_url: str) -> NotificationsAPIClient:
    return NotificationsAPIClient(api_key, base_url=base_url, timeout=15)


def notify_client() -> NotificationsAPIClient | None:
    if not settings.NOTIFY_API_KEY:
        return None
    return _client(settings.NOTIFY_API_KEY, settings.NOTIFY_BASE_URL)


def notify_template(message: Message) -> str:
    """The Notify template for this message: the most particular one set up, from
    `kind.channel.format` down to `channel`."""
    if not settings.NOTIFY_API_KEY:
        return ""
    channel = NOTIFY_CHANNEL.get(message.channel)  # type: ignore[call-overload]
    if channel is None:
        return ""
    templates: dict[str, str] = settings.NOTIFY_TEMPLATES
    for name in (
        f"{message.kind}.{channel}.{message.format}",
        f"{message.kind}.{channel}",
        f"{channel}.{message.format}",
        channel,
    ):
        if templates.get(name):
            return templates[name]
    return ""


def letter_address(message: Message) -> dict[str, str]:
    """Notify's address lines: the person's name, then their address (7 lines at most)."""
    name = ""
    if message.person is not None:
        name = message.person.full_name or message.person.preferred_name
    lines = ([name] if name else []) + address_lines(message.to_address)
    if len(lines) > 7:
        lines = lines[:6] + [lines[-1]]
    return {f"address_line_{n}": line for n, line in enumerate(lines, start=1)}


def _send_notify(message: Message, body: str, template: str) -> str:
    client = notify_client()
    assert client is not None
    personalisation: dict[str, Any] = {
        **message.personalisation,
        "subject": message.subject,
        "body": body,
    }
    reference = f"coproduce-{message.pk}"
    try:
        if message.channel == Channel.EMAIL:
            answer = client.send_email_notification(
                email_address=message.to_address,
                template_id=template,
                personalisation=personalisation,
                reference=reference,
            )
        elif message.channel == Channel.TEXT:
            answer = client.send_sms_notification(
                phone_number=message.to_address,
                template_id=template,
                personalisation=personalisation,
                reference=reference,
            )
        else:
            answer = client.send_letter_notification(
                template_id=template,
                personalisation={**personalisation, **letter_address(message)},
                reference=reference,
            )
    except APIError as error:
        if error.status_code == 400:
            raise PermanentError(f"GOV.UK Notify refused it: {_notify_words(error)}") from error
        raise TemporaryError(
            f"GOV.UK Notify answered {error.status_code}: {_notify_words(error)}"
        ) from error
    return str(answer["id"])


def _notify_words(error: APIError) -> str:
    found = error.message
    if isinstance(found, list):
        return "; ".join(str(item.get("message", item)) for item in found)
    return str(found)


# Notify's final states, and what they mean here.
NOTIFY_DELIVERED = {"delivered", "received"}
NOTIFY_FAILED = {
    "permanent-failure": "The address or number does not work.",
    "temporary-failure": "Their inbox was full or their phone was off for too long.",
    "technical-failure": "GOV.UK Notify could not send it.",
    "validation-failed": "The letter could not be printed as it is.",
    "cancelled": "The letter was cancelled.",
}


def notify_status(reference: str) -> str:
    client = notify_client()
    if client is None:
        return ""
    try:
        return str(client.get_notification_by_id(reference)["status"])
    except APIError:
        return ""
