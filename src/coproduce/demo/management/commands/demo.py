"""Set up the database, load the demo and serve it."""

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from coproduce.demo.services import ADMIN_EMAIL, demo_load


class Command(BaseCommand):
    help = "Apply migrations, load the demo organisations and people, then serve them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="Load the demo and stop.")
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("frameworks", "sync")
        summary = demo_load()
        state = "Loaded" if summary.created else "Already loaded"
        self.stdout.write(
            f"{state}: {summary.organisations} organisations, {summary.people} people."
        )
        self.stdout.write(f"Sign in at http://{options['host']}:{options['port']}/accounts/login/")
        self.stdout.write(f"  email:    {ADMIN_EMAIL}")
        self.stdout.write(f"  password: {summary.password}")
        self.stdout.write(
            "  (other demo logins, same password: coordinator@, commissioner@, reviewer@, "
            "amara@, yorkshire@ example.org)"
        )
        if options["no_serve"]:
            return
        # `serve` turns two-step sign-in off on a demo database, so the printed login
        # works at once (and with `make serve` later); COPRODUCE_REQUIRE_MFA=true tries it.
        call_command("serve", host=options["host"], port=options["port"])
