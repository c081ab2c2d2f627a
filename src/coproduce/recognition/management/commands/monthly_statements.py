"""Queue last month's statement for everyone recognised for their time. Run it early
each month from a timer (docs/operations.md); each person gets one a month however
often it runs."""

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from coproduce.recognition.monthly import statements_send


class Command(BaseCommand):
    help = "Queue each recognised person's monthly statement (last month unless --month)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--month", help="the month, as YYYY-MM (default: last month)")

    def handle(self, *args: Any, **options: Any) -> None:
        month = None
        if options["month"]:
            try:
                month = datetime.datetime.strptime(options["month"], "%Y-%m").date()
            except ValueError as error:
                raise CommandError("--month: give it as YYYY-MM, like 2026-11.") from error
        self.stdout.write(f"statements queued: {statements_send(month)}")
