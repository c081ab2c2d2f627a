"""Serve Coproduce with gunicorn."""

import os
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve Coproduce with gunicorn on the given host and port."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 3))
        )

    def handle(self, *args: Any, **options: Any) -> None:
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "coproduce.wsgi:application",
            "--bind",
            f"{options['host']}:{options['port']}",
            "--workers",
            str(options["workers"]),
            # gunicorn 27 otherwise opens a control socket in $HOME that two servers fight over.
            "--no-control-socket",
            "--access-logfile",
            "-",
        ]
        self.stdout.write(f"Serving on http://{options['host']}:{options['port']} (Ctrl+C stops)")
        self.stdout.flush()
        # Replaces this process with gunicorn; the arguments are ours, not user input.
        os.execv(sys.executable, argv)  # noqa: S606
