"""Django's mail goes into the outbox too: invitations to join, sign-in and password
emails from django-allauth. EMAIL_BACKEND points here; the worker sends them through
MESSAGING_EMAIL_BACKEND, so a mail server being down never fails a page."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from email.mime.base import MIMEBase
from typing import Any

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend

from coproduce.messaging.services import queue_email


def _attachments(email: EmailMessage) -> list[dict[str, str]]:
    found = []
    for attachment in email.attachments:
        if isinstance(attachment, MIMEBase):
            payload = attachment.get_payload(decode=True)
            filename = attachment.get_filename() or "attachment"
            mimetype = attachment.get_content_type()
        else:
            filename, payload, mimetype = attachment
        if isinstance(payload, bytes):
            raw = payload
            try:
                payload = raw.decode()
            except UnicodeDecodeError:
                payload = base64.b64encode(raw).decode()
                mimetype = f"{mimetype};base64"
        found.append({"filename": filename, "content": str(payload), "mimetype": mimetype})
    return found


class OutboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        count = 0
        for email in email_messages:
            html = ""
            if isinstance(email, EmailMultiAlternatives):
                html = next(
                    (str(content) for content, kind in email.alternatives if kind == "text/html"),
                    "",
                )
            for address in email.recipients():
                queue_email(
                    to=address,
                    subject=str(email.subject),
                    body=str(email.body),
                    from_email=str(email.from_email or ""),
                    html=html,
                    attachments=_attachments(email),
                )
                count += 1
        return count

    def open(self) -> Any:
        return False
