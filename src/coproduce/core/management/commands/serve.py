"""Serve Coproduce with gunicorn."""

import os
import subprocess
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
        parser.add_argument(
            "--no-tasks",
            action="store_true",
            help="do not start a background task worker (run `coproduce manage db_worker` yourself)",
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
            # Survey, answer and invitation links carry secrets; the log gets "…" instead.
            "--logger-class",
            "coproduce.web.accesslog.RedactingLogger",
        ]
        if not options["no_tasks"]:
            # Background work (copies of people's data) runs in a worker beside the server.
            # It shares this terminal's process group, so Ctrl+C stops it with gunicorn.
            subprocess.Popen(
                [sys.executable, "-m", "coproduce.cli", "manage", "db_worker", "--verbosity", "0"]
            )
        self.stdout.write(f"Serving on http://{options['host']}:{options['port']} (Ctrl+C stops)")
        self.stdout.flush()
        # Replaces this process with gunicorn; the arguments are ours, not user input.
        os.execv(sys.executable, argv)  # noqa: S606
