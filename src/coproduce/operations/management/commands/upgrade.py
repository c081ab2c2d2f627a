"""`coproduce upgrade`: what to run once after installing a new release, before it
takes traffic (docs/deploy.md, "Releases"). Each step is safe to run again."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Migrate the database, sync framework packs, collect static files, then check."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-check", action="store_true", help="skip the deploy checks at the end"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write("1. Database: applying migrations")
        call_command("migrate", interactive=False, verbosity=1, stdout=self.stdout)
        self.stdout.write("2. Frameworks: loading changed packs as new versions")
        call_command("frameworks", "sync", stdout=self.stdout)
        self.stdout.write("3. Static files: collecting")
        call_command("collectstatic", interactive=False, verbosity=0)
        if not options["no_check"]:
            self.stdout.write("4. Deploy checks")
            call_command("check", deploy=True, fail_level="WARNING")
        self.stdout.write(self.style.SUCCESS("Upgraded: the release can take traffic."))
