"""`coproduce backup [--to PATH] [--verify] [--file BACKUP]`: back up the database, with a
manifest beside it; `--verify` proves a backup by restoring it elsewhere and comparing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from coproduce.operations.backup import (
    BackupError,
    Manifest,
    backup_make,
    backup_verify,
    backups_prune,
    default_folder,
    inventory,
)


class Command(BaseCommand):
    help = "Back up the database (and with --verify, prove the backup restores whole)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--to", type=Path, help="a folder or file (default var/backups/)")
        parser.add_argument(
            "--verify", action="store_true", help="restore into a scratch database and compare"
        )
        parser.add_argument(
            "--file", type=Path, help="with --verify: check this backup instead of making one"
        )
        parser.add_argument(
            "--keep-days",
            type=int,
            help="then delete backups in the folder older than this (never the newest)",
        )
        # internal: print this database's inventory as JSON (used by --verify on the copy)
        parser.add_argument("--inventory", action="store_true", help="(internal)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["inventory"]:
            with connection.cursor() as cursor:
                found = inventory(cursor, connection.ops.quote_name)
            self.stdout.write(json.dumps(found))
            return
        try:
            if options["file"] is not None:
                if not options["verify"]:
                    raise CommandError("--file goes with --verify.")
                path, manifest = options["file"], Manifest.read(options["file"])
            else:
                path, manifest = backup_make(options["to"])
                rows = sum(manifest.counts.values())
                self.stdout.write(
                    f"Backed up {rows} rows in {len(manifest.counts)} tables to {path}"
                )
            if options["verify"]:
                result = backup_verify(path)
                for problem in result.mismatches:
                    self.stderr.write(f"  {problem}")
                if not result.ledger_ok:
                    self.stderr.write(result.ledger_output)
                if not result.ok:
                    raise CommandError(f"{path} did not verify.")
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Verified {path}: {result.tables} tables and every ledger balance "
                        "match, and the ledger check passes on the restored copy."
                    )
                )
            if options["keep_days"] is not None:
                folder = path.parent if options["file"] is None else default_folder()
                for old in backups_prune(folder, options["keep_days"]):
                    self.stdout.write(f"Deleted {old.name} (over {options['keep_days']} days)")
        except BackupError as error:
            raise CommandError(str(error)) from error
