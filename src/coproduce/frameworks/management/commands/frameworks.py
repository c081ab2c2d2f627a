"""Load the shipped framework packs: `coproduce frameworks sync`."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from coproduce.frameworks.services import frameworks_sync


class Command(BaseCommand):
    help = "Load the framework library; a changed pack becomes a new version."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["sync"])

    def handle(self, *args: Any, **options: Any) -> None:
        report = frameworks_sync()
        self.stdout.write(
            f"Frameworks: {len(report.created)} new, {len(report.new_versions)} new versions, "
            f"{len(report.unchanged)} unchanged, {len(report.welsh)} with Welsh."
        )
