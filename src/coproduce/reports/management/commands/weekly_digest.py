"""Queue this week's digest to each organisation's admins and coordinators. Run it once
a week from a timer (docs/operations.md); it sends each person one a week however
often it runs, and nothing to an organisation with nothing waiting."""

from typing import Any

from django.core.management.base import BaseCommand

from coproduce.reports.digest import digests_send


class Command(BaseCommand):
    help = "Queue the weekly digest of what is waiting for admins and coordinators."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"digests queued: {digests_send()}")
