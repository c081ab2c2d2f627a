"""`coproduce schedule`: run the timed jobs (operations/schedule.py) until stopped."""

from __future__ import annotations

import signal
import threading
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from coproduce.operations.schedule import jobs, run_due


class Command(BaseCommand):
    help = "Run the timed jobs: messages, reminders, digests, statements, retention, backups."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="run what is due, then stop")

    def handle(self, *args: Any, **options: Any) -> None:
        planned = jobs(settings.COPRODUCE_BACKUP_KEEP_DAYS)
        state = Path(settings.VAR_DIR) / "run" / "schedule.json"
        stopping = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stopping.set())
        self.stdout.write(f"Running {len(planned)} timed jobs (Ctrl+C or SIGTERM stops).")
        while True:
            for name, code in run_due(planned, state, timezone.localtime()).items():
                self.stdout.write(f"{name}: {'done' if code == 0 else f'failed ({code})'}")
            if options["once"] or stopping.wait(30):
                return
