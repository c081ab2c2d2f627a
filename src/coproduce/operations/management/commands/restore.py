"""`coproduce restore FILE [--yes]`: put a backup in place of the database in use."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from coproduce.operations.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Replace the database in use with a backup (checked against its manifest first)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--yes", action="store_true", help="do not ask before replacing")

    def handle(self, *args: Any, **options: Any) -> None:
        name = str(connection.settings_dict["NAME"])
        if not options["yes"]:
            if not sys.stdin.isatty():
                raise CommandError("Restoring replaces everything in the database: add --yes.")
            answer = input(f"This replaces everything in {name}. Type its name to go on: ")
            if answer.strip() != name:
                raise CommandError("Nothing was restored.")
        try:
            manifest = backup_restore(options["file"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest.counts.values())
        self.stdout.write(
            f"Restored {rows} rows from {options['file']} (taken {manifest.created_at})."
        )
