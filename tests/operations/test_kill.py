"""A real SIGKILL in the middle of an import and of a payment run: afterwards the
database holds all of it or none of it, and the ledger still adds up."""

import os
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from django.utils import timezone

from coproduce.ledger import services as ledger_services
from coproduce.ledger.models import AccountKind, Transaction, Unit
from coproduce.recognition import services as recognition
from coproduce.recognition.models import PaymentRun
from coproduce.recognition.queries import books_check
from coproduce.sessions.models import Attendance
from coproduce.sessions.services import session_create
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)
CHILD = Path(__file__).with_name("killable.py")


def _database_url() -> str:
    config = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{config['NAME']}"
    user = quote(str(config.get("USER") or ""))
    host, port = config.get("HOST") or "127.0.0.1", config.get("PORT") or 5432
    return f"postgres://{user}@{host}:{port}/{config['NAME']}"


def _run(job: str, slug: str, *extra: str, kill: bool) -> str:
    """Run a job in a child process; with kill, SIGKILL it once it says the work is done
    but before it commits."""
    env = {**os.environ, "DATABASE_URL": _database_url()}
    child = subprocess.Popen(
        [sys.executable, str(CHILD), job, slug, "wait" if kill else "commit", *extra],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert child.stdout is not None
    line = child.stdout.readline().strip()
    if kill:
        os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=60)
    assert line, child.stderr.read() if child.stderr else ""
    return line


def test_killed_attendance_import_leaves_nothing_and_a_full_one_leaves_everything(cast, tmp_path):
    people = [PersonFactory(organisation=cast.org) for _ in range(100)]
    sessions = [
        session_create(
            organisation=cast.org,
            by=cast.coordinator,
            details={"title": f"S{n}", "kind": "forum", "starts_at": timezone.now()},
        )
        for n in range(100)
    ]
    rows = ["session,person,hours"] + [f"{s.pk},{p.pk},1.5" for s in sessions for p in people]
    path = tmp_path / "attendance.csv"
    path.write_text("\n".join(rows))
    assert _run("attendance", "acme", str(path), kill=True) == "imported 10000"
    assert Attendance.objects.count() == 0
    assert _run("attendance", "acme", str(path), kill=False) == "imported 10000"
    assert Attendance.objects.count() == 10000


def test_killed_payment_run_pays_nothing_and_the_ledger_holds(cast):
    issued = ledger_services.organisation_account(cast.org, AccountKind.ISSUED, Unit.PENCE)
    for n in range(20):
        person = PersonFactory(organisation=cast.org, recognition_preference="payment")
        recognition.post(
            organisation=cast.org,
            by=cast.coordinator,
            key=f"owed-{n}",
            kind="award",
            legs=[(issued, -1500), (ledger_services.person_account(person, Unit.PENCE), 1500)],
        )
    line = _run("payment-run", "acme", kill=True)
    assert line.startswith("paid run")
    assert PaymentRun.objects.count() == 0
    assert not Transaction.objects.filter(kind="payment").exists()
    assert books_check()[1] == []
    assert _run("payment-run", "acme", kill=False).startswith("paid run")
    assert PaymentRun.objects.get().paid_at is not None
    assert Transaction.objects.filter(kind="payment").count() == 20
    assert books_check()[1] == []
