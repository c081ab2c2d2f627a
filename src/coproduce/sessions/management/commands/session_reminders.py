"""Queue reminders for sessions starting soon (each organisation says how soon; a day
by default). Run it every quarter of an hour from a timer (docs/operations.md): each
person is reminded once however often it runs."""

from typing import Any

from django.core.management.base import BaseCommand

from coproduce.sessions.invitations import queue_reminders


class Command(BaseCommand):
    help = "Queue reminders for sessions that start within each organisation's reminder time."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"reminders queued: {queue_reminders()}")
