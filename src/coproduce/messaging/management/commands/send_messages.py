"""Send what is due in the outbox now, and ask GOV.UK Notify what became of what it
took. The worker does the sending as messages are queued; run this every few minutes
from a timer as well, so nothing waits if a worker was down (docs/operations.md)."""

from typing import Any

from django.core.management.base import BaseCommand

from coproduce.messaging import delivery


class Command(BaseCommand):
    help = "Send the messages that are due, and check on messages GOV.UK Notify took."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = delivery.send_due(limit=10_000)
        counts["status updates"] = delivery.refresh_statuses()
        self.stdout.write(", ".join(f"{name}: {n}" for name, n in counts.items()))
