"""`coproduce bench [--json]`: measure Coproduce and print the figures.

By default it measures the key pages and API endpoints through gunicorn against the
configured database, which `coproduce generate` has filled (see `httpbench`). It only
reads, apart from one session and one API token for its sign-in.

`--scratch` runs the write-heavy measurements (ledger throughput, library indexing,
evidence) on a scratch copy of the configured engine instead, never on your data.
SQLite: a new file in a temporary folder. PostgreSQL: a database named
`<name>_bench` on the same server. Both are removed afterwards, whether the run
finished or not. Results go in docs/performance.md.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any

import dj_database_url
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from coproduce.demo.bench_evidence import measure_evidence
from coproduce.demo.bench_messages import measure_messages
from coproduce.demo.bench_people import measure_people_import
from coproduce.demo.progress import progress as _progress

WORKERS = 4


class Command(BaseCommand):
    help = "Measure pages through the real server on generated data (or --scratch)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="print one JSON object")
        parser.add_argument("--clients", type=int, default=8, help="at once (default 8)")
        parser.add_argument(
            "--requests", type=int, default=160, help="per page under load (default 160)"
        )
        parser.add_argument(
            "--workers", type=int, default=2 * (os.cpu_count() or 1) + 1, help="gunicorn workers"
        )
        parser.add_argument(
            "--organisation", default="gen-2", help="whose pages (default gen-2, generated)"
        )
        parser.add_argument(
            "--profile", metavar="PAGE", help="profile one page by its bench name, in-process"
        )
        parser.add_argument(
            "--loop",
            type=float,
            metavar="SECONDS",
            help="with --profile: fetch the page in a loop instead, for py-spy to watch",
        )
        parser.add_argument(
            "--scratch",
            action="store_true",
            help="measure ledger writes, library indexing and evidence on a scratch database",
        )
        parser.add_argument("--transactions", type=int, default=2000, help="per run (default 2000)")
        parser.add_argument(
            "--case-studies", type=int, default=20000, help="library size (default 20000)"
        )
        parser.add_argument(
            "--passages",
            type=int,
            default=5000,
            help="coded passages and survey responses in the evidence run (default 5000)",
        )
        parser.add_argument(
            "--people", type=int, default=50000, help="rows in the people import (default 50000)"
        )
        parser.add_argument(
            "--invitations",
            type=int,
            default=10000,
            help="invitees of one session in the outbox run (default 10000)",
        )
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
            figures["results"].update(measure_library(options["case_studies"]))
            figures["results"].update(
                measure_evidence(options["passages"], _progress, _percentiles, _expect_ok)
            )
            figures["results"].update(measure_people_import(options["people"]))
            figures["results"].update(measure_messages(options["invitations"]))
            self.stdout.write(json.dumps(figures))
            return
        if options["profile"]:
            from coproduce.demo.bench_profile import fetch_in_a_loop, profile_page

            try:
                if options["loop"]:
                    said = fetch_in_a_loop(
                        options["organisation"], options["profile"], options["loop"]
                    )
                else:
                    said = profile_page(options["organisation"], options["profile"])
                self.stdout.write(said)
            except KeyError as error:
                raise CommandError(str(error.args[0])) from error
            return
        if not options["scratch"]:
            self._pages(options)
            return
        figures = self._in_scratch(options)
        if options["json"]:
            self.stdout.write(json.dumps(figures, indent=2))
            return
        self.stdout.write(f"Coproduce bench on {figures['database']} ({figures['cores']} cores)")
        for key, value in figures["results"].items():
            self.stdout.write(f"  {key:<45} {value}")

    def _pages(self, options: dict[str, Any]) -> None:
        from coproduce.core.models import Organisation
        from coproduce.demo import httpbench

        if not Organisation.objects.filter(slug=options["organisation"]).exists():
            raise CommandError(
                f"No organisation {options['organisation']!r} here. Fill a new database with "
                "`coproduce generate --scale town` (or national) and point DATABASE_URL at it."
            )
        started = time.perf_counter()
        results = httpbench.run(
            org_slug=options["organisation"],
            clients=options["clients"],
            requests=options["requests"],
            workers=options["workers"],
            progress=_progress,
        )
        summary = {
            "database": connection.vendor,
            "organisations": Organisation.objects.count(),
            "cores": os.cpu_count(),
            "clients": options["clients"],
            "workers": options["workers"],
            "budgets": httpbench.BUDGETS,
            "seconds": round(time.perf_counter() - started, 1),
            "pages": httpbench.as_dicts(results),
        }
        if options["json"]:
            self.stdout.write(json.dumps(summary, indent=2))
            return
        self.stdout.write(
            f"Coproduce bench on {connection.vendor}, {summary['organisations']} organisations, "
            f"{options['clients']} clients, {options['workers']} gunicorn workers, "
            f"{summary['cores']} cores ({summary['seconds']} s)"
        )
        header = (
            f"{'page':<26} {'median':>7} {'p95':>7} {'first':>7} {'req/s':>6} {'alone':>7} "
            f"{'queries':>7} {'floor':>7} {'own':>6}  over budget"
        )
        self.stdout.write(header)
        for r in results:
            self.stdout.write(
                f"{r.name:<26} {r.median_ms:>7.1f} {r.p95_ms:>7.1f} {r.first_p95_ms:>7.1f} "
                f"{r.per_second:>6.1f} "
                f"{r.alone_ms:>7.1f} {r.queries:>7} {r.floor_ms:>7.2f} {r.own_ms:>6.1f}  "
                + (", ".join(r.over_budget) or "-")
                + (f" ({r.errors} errors)" if r.errors else "")
            )
        self.stdout.write(
            'Times in ms; "first" is the 95th percentile until the first byte. Budgets: '
            f"95th percentile under {httpbench.BUDGETS['p95_ms']:.0f} ms (for a download "
            "sent in pieces, until its first piece); the page's own time (alone, less the "
            f"floor and the {results[0].fixed_ms if results else 0:.1f} ms every request "
            f"pays) at most {httpbench.BUDGETS['own_ms']:.0f} ms; at most "
            f"{httpbench.BUDGETS['queries']} queries."
        )

    def _in_scratch(self, options: dict[str, Any]) -> dict[str, Any]:
        url = os.environ.get("DATABASE_URL", "")
        config = dj_database_url.parse(url) if url else {"ENGINE": "django.db.backends.sqlite3"}
        env = dict(os.environ)
        on_postgres = config["ENGINE"].endswith("postgresql")
        server_url = url.rsplit("/", 1)[0] + "/postgres"
        scratch = f"{config['NAME']}_bench" if on_postgres else ""
        with tempfile.TemporaryDirectory(prefix="coproduce-bench-") as folder:
            if on_postgres:
                # On the server's maintenance database, outside any transaction, as
                # CREATE DATABASE must be (the configured database may not exist yet).
                _server(server_url, f'DROP DATABASE IF EXISTS "{scratch}"')
                _server(server_url, f'CREATE DATABASE "{scratch}"')
                env["DATABASE_URL"] = url.rsplit("/", 1)[0] + f"/{scratch}"
            else:
                env["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
            env["COPRODUCE_VAR_DIR"] = env.get("COPRODUCE_VAR_DIR", str(settings.VAR_DIR))
            try:
                return self._bench_in(env, options)
            finally:
                if on_postgres:
                    _server(server_url, f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')

    def _bench_in(self, env: dict[str, str], options: dict[str, Any]) -> dict[str, Any]:
        command = [sys.executable, "-m", "coproduce.cli", "manage"]
        _progress("making the scratch database", 0, 1)
        # Our own interpreter and fixed arguments: nothing here comes from outside.
        subprocess.run([*command, "migrate", "--verbosity", "0"], env=env, check=True)  # noqa: S603
        _progress("making the scratch database", 1, 1)
        done = subprocess.run(  # noqa: S603
            [
                *command,
                "bench",
                "--here",
                *(
                    part
                    for name in (
                        "transactions",
                        "case_studies",
                        "passages",
                        "people",
                        "invitations",
                    )
                    for part in (f"--{name.replace('_', '-')}", str(options[name]))
                ),
            ],
            env=env,
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        )
        return json.loads(done.stdout.strip().splitlines()[-1])


def _server(server_url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as server:
        server.execute(statement)


def measure(transactions: int) -> dict[str, Any]:
    from coproduce.core.models import Organisation
    from coproduce.ledger import queries as ledger_queries
    from coproduce.ledger import services as ledger_services
    from coproduce.ledger.models import AccountKind, Posting, Unit
    from coproduce.people.models import Person
    from coproduce.recognition import queries, services
    from coproduce.recognition.load import hammer

    steps = 6
    organisation = Organisation.objects.create(name="Bench", slug="bench")
    people = [
        Person.objects.create(organisation=organisation, preferred_name=f"Bench {n}")
        for n in range(50)
    ]
    issued = ledger_services.organisation_account(organisation, AccountKind.ISSUED, Unit.CREDITS)
    accounts = [ledger_services.person_account(p, Unit.CREDITS) for p in people]
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
        ledger_queries.person_balances(person)
    results["one person's balance: ms per read"] = round(
        1000 * (time.perf_counter() - started) / (len(people) * 20), 3
    )
    started = time.perf_counter()
    list(ledger_queries.accounts_in(organisation))
    results["all accounts with balances: ms"] = round(1000 * (time.perf_counter() - started), 1)

    _progress("ledger check", 4, steps)
    started = time.perf_counter()
    _checks, findings = queries.books_check()
    results["ledger check: seconds"] = round(time.perf_counter() - started, 2)
    results["ledger check: problems"] = len(findings)
    _progress("done", steps, steps)
    return {
        "database": connection.vendor,
        "cores": os.cpu_count(),
        "transactions_per_run": transactions,
        "results": results,
    }


def _expect_ok(response: Any) -> None:
    if response.status_code != 200:
        raise CommandError(f"{response.request['PATH_INFO']} answered {response.status_code}.")


def _percentiles(samples: list[float]) -> str:
    from coproduce.demo.bench_load import percentile

    median = statistics.median(samples)
    return f"median {median:.1f} ms, 95th {percentile(samples, 0.95):.1f} ms"


def measure_library(count: int) -> dict[str, Any]:
    """Fill the library with `count` published case studies made from the demo stories,
    then time searches and pages through Django's test client (in process)."""
    import random

    from django.db import transaction
    from django.test import Client
    from django.utils import timezone

    from coproduce.demo.library import CASES
    from coproduce.library.models import CaseStatus, CaseStudy
    from coproduce.library.search import index_case_study
    from coproduce.library.services import tag_get

    steps = 4
    randomly = random.Random(7)  # noqa: S311  (a repeatable sample, not a secret)
    places = ["Leeds", "Bristol", "Hackney", "Norwich", "Cardiff", "Derby", "Oldham", "Hull"]
    tags = {
        case["title"]: [
            tag_get(kind, label) for kind, labels in case["tags"].items() for label in labels
        ]
        for case in CASES
    }
    _progress(f"{count} case studies", 0, steps)
    now = timezone.now()
    stories = []
    for n in range(count):
        case = CASES[n % len(CASES)]
        place = randomly.choice(places)
        stories.append(
            CaseStudy(
                slug=f"bench-{n}",
                title=f"{case['title']} ({place} {n})",
                summary=case["summary"],
                problem=case["problem"],
                who_and_how=case["who_and_how"],
                what_changed=case["what_changed"],
                learning=case.get("learning", ""),
                place=place,
                status=CaseStatus.PUBLISHED,
                published_at=now,
            )
        )
    started = time.perf_counter()
    with transaction.atomic():
        CaseStudy.objects.bulk_create(stories, batch_size=1000)
        through = CaseStudy.tags.through
        links = [
            through(casestudy_id=story.pk, tag_id=tag.pk)
            for n, story in enumerate(stories)
            for tag in tags[CASES[n % len(CASES)]["title"]]
        ]
        through.objects.bulk_create(links, batch_size=5000)
        for story in CaseStudy.objects.filter(slug__startswith="bench-").prefetch_related("tags"):
            index_case_study(story)
    # Fresh statistics, as a live database would have, so the planner sees the real sizes.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    results: dict[str, Any] = {
        f"library: {count} case studies stored and indexed, seconds": round(
            time.perf_counter() - started, 1
        )
    }
    host = next((h for h in settings.ALLOWED_HOSTS if h not in {"*", ""}), "localhost")
    client = Client(HTTP_HOST=host.lstrip("."))
    queries_ = [
        "play streets",
        "mental health",
        "carers",
        "young people police",
        "time bank",
        "hospital discharge",
        "parents",
        "homeless film",
        "faith leaders",
        "Leeds",
    ]
    _progress("searching", 1, steps)
    timings = []
    for _round in range(3):
        for query in queries_:
            started = time.perf_counter()
            response = client.get("/library/", {"q": query})
            timings.append(1000 * (time.perf_counter() - started))
            _expect_ok(response)
    results["library search page (10 queries x 3)"] = _percentiles(timings)
    _progress("case study pages", 2, steps)
    timings = []
    for n in randomly.sample(range(count), min(count, 100)):
        started = time.perf_counter()
        response = client.get(f"/library/case-studies/bench-{n}/")
        timings.append(1000 * (time.perf_counter() - started))
        _expect_ok(response)
    results["case study page (100 pages)"] = _percentiles(timings)
    timings = []
    for _round in range(10):
        started = time.perf_counter()
        client.get("/library/", {"region": "london", "service_area": "children-and-families"})
        timings.append(1000 * (time.perf_counter() - started))
    results["library browse by two facets (10 times)"] = _percentiles(timings)
    _progress("done", steps, steps)
    return results
