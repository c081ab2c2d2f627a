"""Serve Coproduce with gunicorn (and its background worker).

It lives beside `demo` so the two agree: on a database holding the demo, two-step
sign-in is off unless COPRODUCE_REQUIRE_MFA says otherwise, so the demo logins printed
by `make demo` work with `make serve` too. Never on an HTTPS (production) site."""

import errno
import os
import socket
import subprocess
import sys
from collections.abc import MutableMapping
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from coproduce.demo.services import demo_is_loaded


def port_problem(host: str, port: int) -> str:
    """Why the server could not listen on host:port, in words, or "" if it can."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return (
                    f"Port {port} on {host} is in use: is Coproduce (or something else) "
                    f"running already? Stop it, or choose another port with --port."
                )
            return f"Cannot listen on {host}:{port}: {error.strerror}."
    return ""


def demo_without_two_step(environ: Any) -> bool:
    """Whether to serve without two-step sign-in: a demo database, on a site that is not
    HTTPS (production), with nobody saying otherwise in COPRODUCE_REQUIRE_MFA."""
    return "COPRODUCE_REQUIRE_MFA" not in environ and not settings.HTTPS and demo_is_loaded()


FILES = "django.core.mail.backends.filebased.EmailBackend"


def demo_mail_to_files(environ: MutableMapping[str, str]) -> bool:
    """On the demo, with no mail server set up, emails go to files rather than out (or
    wait for ever): the worker writes each to EMAIL_FILE_PATH. Says whether it did."""
    if environ.get("EMAIL_URL") or environ.get("EMAIL_BACKEND"):
        return False
    environ["EMAIL_BACKEND"] = FILES
    return True


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
        problem = port_problem(options["host"], options["port"])
        if problem:
            # Before the worker starts, so nothing is left running.
            raise CommandError(problem)
        if demo_without_two_step(os.environ):
            os.environ["COPRODUCE_REQUIRE_MFA"] = "false"
            self.stdout.write(
                "This database holds the demo, so two-step sign-in is off for its logins. "
                "Set COPRODUCE_REQUIRE_MFA=true to try it."
            )
            if demo_mail_to_files(os.environ):
                self.stdout.write(
                    f"Emails to demo people are written to {settings.EMAIL_FILE_PATH}, "
                    "not sent. Texts and letters wait for GOV.UK Notify (NOTIFY_API_KEY)."
                )
        # Each worker keeps its request counts here; /metrics adds them up.
        os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", str(settings.VAR_DIR / "run" / "metrics"))
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "coproduce.wsgi:application",
            "--config",
            "python:coproduce.gunicorn_conf",
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
