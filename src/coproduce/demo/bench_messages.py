"""`coproduce bench --scratch`: the outbox at size. One session with N invitees of mixed
preferences is planned (every message queued in that one transaction), then the send
loop delivers them: through a local SMTP server when aiosmtpd is installed (it is with
the test dependencies), otherwise through Django's in-memory backend."""

from __future__ import annotations

import datetime
import socket
import time
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.test.utils import override_settings
from django.utils import timezone

from coproduce.core.models import Organisation, OrganisationKind, User
from coproduce.messaging import delivery
from coproduce.messaging.models import Message, Status
from coproduce.people.models import AccessNeed, Person
from coproduce.sessions.services import session_create


class _Sink:
    """Counts what arrives and throws it away."""

    def __init__(self) -> None:
        self.received = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.received += 1
        return "250 OK"


def _people(organisation: Organisation, invitations: int) -> list[Person]:
    people = []
    for n in range(invitations):
        kind = n % 10
        if kind < 7:
            details = {"email": f"p{n}@example.org", "contact_preference": "email"}
        elif kind < 9:
            details = {"phone": f"07700 {n:06}", "contact_preference": "text"}
        else:
            details = {"contact_preference": "in_person"}
        people.append(Person(organisation=organisation, preferred_name=f"Person {n}", **details))
    Person.objects.bulk_create(people, batch_size=1000)
    people = list(Person.objects.filter(organisation=organisation))
    AccessNeed.objects.bulk_create(
        [AccessNeed(person=p, kind="easy_read") for p in people[::7]], batch_size=1000
    )
    return people


def _transport() -> tuple[dict[str, Any], Any]:
    try:
        from aiosmtpd.controller import Controller
    except ImportError:
        return {"MESSAGING_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}, None
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(_Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    return {
        "MESSAGING_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": port,
        "EMAIL_USE_TLS": False,
        "EMAIL_USE_SSL": False,
        "EMAIL_HOST_USER": "",
        "EMAIL_HOST_PASSWORD": "",
    }, controller


def measure_messages(invitations: int) -> dict[str, Any]:
    organisation = Organisation.objects.create(
        name="Bench messages", slug="bench-messages", kind=OrganisationKind.COUNCIL
    )
    user = User.objects.create_user(email="bench-messages@example.org", password=None)
    people = _people(organisation, invitations)
    started = time.perf_counter()
    session_create(
        organisation=organisation,
        by=user,
        invitees=people,
        details={
            "title": "Everyone's forum",
            "kind": "forum",
            "starts_at": timezone.now() + datetime.timedelta(days=7),
            "hours": Decimal(2),
            "venue": "Town hall",
        },
    )
    queued = time.perf_counter() - started
    emails = Message.objects.filter(status=Status.QUEUED, channel="email").count()
    # Texts need GOV.UK Notify, which is not here: they stay queued and are not counted.
    found, controller = _transport()
    try:
        with override_settings(**found, NOTIFY_API_KEY="", MESSAGING_QUIET_HOURS=(24, 0)):
            started = time.perf_counter()
            sent = 0
            while True:
                counts = delivery.send_due(limit=1000)
                sent += counts["sent"]
                if sent >= emails or not counts["sent"]:
                    break
            delivered = time.perf_counter() - started
    finally:
        if controller is not None:
            controller.stop()
    if sent != emails:
        raise RuntimeError(f"outbox bench: {sent} of {emails} emails sent")
    transport = "a local SMTP server" if controller is not None else "memory"
    return {
        f"outbox: {invitations} invitations queued with one session, s": round(queued, 1),
        "outbox: messages queued per second": round(invitations / queued),
        f"outbox: emails delivered to {transport}": sent,
        "outbox: emails delivered per second": round(sent / delivered),
        "outbox: database engine": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
    }
