"""`coproduce bench [--json]`: measure Coproduce on a scratch copy of the configured
database engine (never on your data), and print the figures.

SQLite: a new file in a temporary folder. PostgreSQL: a database named
`<name>_bench` on the same server, dropped first and left afterwards for
inspection. Results go in docs/performance.md.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from typing import Any

import dj_database_url
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

WORKERS = 4


def _progress(label: str, done: int, total: int) -> None:
    width = 30
    filled = width * done // total
    sys.stderr.write(f"\r[{'#' * filled}{' ' * (width - filled)}] {done}/{total} {label:<40}")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


class Command(BaseCommand):
    help = "Measure ledger throughput and reads on a scratch database; print the figures."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="print one JSON object")
        parser.add_argument("--transactions", type=int, default=2000, help="per run (default 2000)")
        parser.add_argument(
            "--here",
            action="store_true",
            # internal: measure this database
            help="measure the current database (used by bench itself on its scratch database)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["here"]:
            name = str(settings.DATABASES["default"]["NAME"])
            if "bench" not in name:
                raise CommandError("--here only runs on a scratch database whose name says bench.")
            figures = measure(options["transactions"])
            self.stdout.write(json.dumps(figures))
            return
        figures = self._in_scratch(options["transactions"])
        if options["json"]:
            self.stdout.write(json.dumps(figures, indent=2))
            return
        self.stdout.write(f"Coproduce bench on {figures['database']} ({figures['cores']} cores)")
        for key, value in figures["results"].items():
            self.stdout.write(f"  {key:<45} {value}")

    def _in_scratch(self, transactions: int) -> dict[str, Any]:
        url = os.environ.get("DATABASE_URL", "")
        config = dj_database_url.parse(url) if url else {"ENGINE": "django.db.backends.sqlite3"}
        env = dict(os.environ)
        folder = tempfile.mkdtemp(prefix="coproduce-bench-")
        if config["ENGINE"].endswith("postgresql"):
            import psycopg

            scratch = f"{config['NAME']}_bench"
            # On the server's maintenance database, outside any transaction, as
            # CREATE DATABASE must be (the configured database may not exist yet).
            server_url = url.rsplit("/", 1)[0] + "/postgres"
            with psycopg.connect(server_url, autocommit=True) as server:
                server.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
                server.execute(f'CREATE DATABASE "{scratch}"')
            env["DATABASE_URL"] = url.rsplit("/", 1)[0] + f"/{scratch}"
        else:
            env["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        env["COPRODUCE_VAR_DIR"] = env.get("COPRODUCE_VAR_DIR", str(settings.VAR_DIR))
        command = [sys.executable, "-m", "coproduce.cli", "manage"]
        _progress("making the scratch database", 0, 1)
        # Our own interpreter and fixed arguments: nothing here comes from outside.
        subprocess.run([*command, "migrate", "--verbosity", "0"], env=env, check=True)  # noqa: S603
        _progress("making the scratch database", 1, 1)
        done = subprocess.run(  # noqa: S603
            [*command, "bench", "--here", "--transactions", str(transactions)],
            env=env,
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        )
        return json.loads(done.stdout.strip().splitlines()[-1])


def measure(transactions: int) -> dict[str, Any]:
    from coproduce.core.models import Organisation
    from coproduce.people.models import Person
    from coproduce.recognition import queries, services
    from coproduce.recognition.load import hammer
    from coproduce.recognition.models import AccountKind, Posting, Unit

    steps = 6
    organisation = Organisation.objects.create(name="Bench", slug="bench")
    people = [
        Person.objects.create(organisation=organisation, preferred_name=f"Bench {n}")
        for n in range(50)
    ]
    issued = services.organisation_account(organisation, AccountKind.ISSUED, Unit.CREDITS)
    accounts = [services.person_account(p, Unit.CREDITS) for p in people]
    results: dict[str, Any] = {}

    _progress("one writer", 0, steps)
    started = time.perf_counter()
    for n in range(transactions):
        services.post(
            organisation=organisation,
            by=None,
            key=f"single-{n}",
            kind="award",
            legs=[(issued, -1), (accounts[n % len(accounts)], 1)],
        )
    seconds = time.perf_counter() - started
    results["one writer: postings per second"] = round(2 * transactions / seconds)

    _progress(f"{WORKERS} writers at once", 1, steps)
    load = hammer(
        organisation=organisation,
        people=people,
        workers=WORKERS,
        per_worker=transactions // WORKERS,
    )
    results[f"{WORKERS} writers at once: postings per second"] = round(load.postings_per_second)
    results[f"{WORKERS} writers at once: refused (not enough credits)"] = load.refused

    _progress("the same keys from every writer", 2, steps)
    shared = transactions // WORKERS
    before = Posting.objects.count()
    load = hammer(
        organisation=organisation, people=people, workers=WORKERS, per_worker=shared, shared=shared
    )
    written = (Posting.objects.count() - before) // 2
    results["same keys from 4 writers: sent / written once"] = f"{load.sent} / {written}"
    if written != shared:
        raise CommandError(f"Expected {shared} transactions from shared keys, found {written}.")

    _progress("balance reads", 3, steps)
    results["postings in the ledger"] = Posting.objects.count()
    started = time.perf_counter()
    for person in people * 20:
        queries.person_balances(person)
    results["one person's balance: ms per read"] = round(
        1000 * (time.perf_counter() - started) / (len(people) * 20), 3
    )
    started = time.perf_counter()
    list(queries.accounts_in(organisation))
    results["all accounts with balances: ms"] = round(1000 * (time.perf_counter() - started), 1)

    _progress("ledger check", 4, steps)
    started = time.perf_counter()
    _checks, findings = queries.ledger_check()
    results["ledger check: seconds"] = round(time.perf_counter() - started, 2)
    results["ledger check: problems"] = len(findings)
    _progress("done", steps, steps)
    return {
        "database": connection.vendor,
        "cores": os.cpu_count(),
        "transactions_per_run": transactions,
        "results": results,
    }
