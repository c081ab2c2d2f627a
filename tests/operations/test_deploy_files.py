"""The shipped systemd units (issue 22) are valid to systemd, and the commands they run
work: the web server's `coproduce serve` answers /livez and /readyz and adds up its
workers' counts on /metrics; the scheduler starts and stops cleanly on SIGTERM."""

from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.operations.test_nginx import database_url, free_port, wait_for

pytestmark = pytest.mark.django_db(transaction=True)

UNITS = Path(__file__).resolve().parents[2] / "deploy/systemd"
COPRODUCE = Path(sys.executable).parent / "coproduce"


def exec_start(unit: Path) -> list[str]:
    line = re.search(r"^ExecStart=(.+)$", unit.read_text(), re.M)[1]  # type: ignore[index]
    return [str(COPRODUCE), *line.split()[1:]]


def test_systemd_accepts_each_unit(tmp_path: Path) -> None:
    units = sorted(UNITS.glob("*.service"))
    assert [unit.name for unit in units] == [
        "coproduce-scheduler.service",
        "coproduce-web.service",
        "coproduce-worker.service",
    ]
    for unit in units:
        # Our installed command where the unit expects /srv/coproduce's.
        text = unit.read_text().replace("/srv/coproduce/.venv/bin/coproduce", str(COPRODUCE))
        (tmp_path / unit.name).write_text(re.sub(r"(User|Group)=coproduce", r"\1=root", text))
    done = subprocess.run(
        ["systemd-analyze", "verify", *(str(tmp_path / unit.name) for unit in units)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


def get(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    client.request("GET", path, headers={"Host": "localhost", **(headers or {})})
    response = client.getresponse()
    body = response.read().decode()
    client.close()
    return response.status, body


def test_the_web_units_command_serves_and_counts_across_its_workers(tmp_path: Path) -> None:
    port = free_port()
    command = exec_start(UNITS / "coproduce-web.service")
    command[command.index("--port") + 1] = str(port)
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "COPRODUCE_VAR_DIR": str(tmp_path / "var"),
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics"),
        "COPRODUCE_METRICS_TOKEN": "token-for-the-test",
        "WEB_CONCURRENCY": "2",
    }
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    try:
        wait_for(port)
        assert get(port, "/livez")[0] == 200
        assert get(port, "/readyz")[0] == 200
        for _ in range(20):
            get(port, "/livez")
        # Both workers' counts, added up: the 22 answered here, and the three pages each
        # worker asks itself for before taking traffic (gunicorn_conf.warm). The second
        # worker may still be warming when the first answers, so ask until it is done.
        # (Each earlier /metrics request counts too.)
        served, asked = 0.0, 0
        deadline = time.monotonic() + 30
        while served < 22 + 2 * 3 + max(asked - 1, 0) and time.monotonic() < deadline:
            asked += 1
            status, text = get(port, "/metrics", {"Authorization": "Bearer token-for-the-test"})
            assert status == 200
            found = re.search(
                r'^coproduce_requests_total\{method="GET",status="2xx"\} (\S+)$', text, re.M
            )
            served = float(found[1]) if found else 0.0
        assert served >= 22 + 2 * 3 + asked - 1
        assert len(list((tmp_path / "metrics").glob("*.db"))) >= 2
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def test_the_scheduler_units_command_starts_and_stops_on_sigterm(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "COPRODUCE_VAR_DIR": str(tmp_path / "var"),
        "COPRODUCE_BACKUP_DIR": str(tmp_path / "backups"),
    }
    scheduler = subprocess.Popen(
        exec_start(UNITS / "coproduce-scheduler.service"),
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert scheduler.stdout is not None
    assert scheduler.stdout.readline().startswith("Running 6 timed jobs")
    # The first pass runs everything due; the backup among it takes a few seconds.
    state = tmp_path / "var/run/schedule.json"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and not (
        state.exists() and "statements" in state.read_text()
    ):
        time.sleep(0.5)
    scheduler.send_signal(signal.SIGTERM)
    assert scheduler.wait(timeout=60) == 0
    assert sorted(__import__("json").loads(state.read_text())) == [
        "backup",
        "digest",
        "messages",
        "reminders",
        "retention",
        "statements",
    ]
    assert list((tmp_path / "backups").glob("coproduce-*.json"))


def test_a_worker_warms_itself_on_the_pages_that_load_the_most() -> None:
    from django.core.wsgi import get_wsgi_application

    from coproduce.gunicorn_conf import WARM_PATHS, warm

    assert warm(get_wsgi_application()) == ["200 OK"] * len(WARM_PATHS)


def test_what_a_worker_loads_and_warms_is_kept_out_of_the_garbage_collectors_sight() -> None:
    import gc

    from coproduce import gunicorn_conf

    class Worker:
        from django.core.wsgi import get_wsgi_application

        wsgi = get_wsgi_application()

    gc.unfreeze()
    try:
        gunicorn_conf.pre_fork(None, None)
        assert gc.get_freeze_count() > 10_000
        gc.unfreeze()
        kept = [[]]  # made before the worker is ready, and kept: a list is always tracked
        assert any(found is kept for found in gc.get_objects())
        gunicorn_conf.post_worker_init(Worker())
        assert gc.get_freeze_count() > 10_000
        # Frozen: the collector no longer looks at it.
        assert not any(found is kept for found in gc.get_objects())
    finally:
        gc.unfreeze()


@pytest.mark.django_db(transaction=True)
def test_a_worker_keeps_its_database_connection_from_one_request_to_the_next() -> None:
    """On SQLite each request opened a new connection: its pragmas, Django's functions
    and an empty page cache cost a sixth of a page's time (issue 23)."""
    from django.core.wsgi import get_wsgi_application
    from django.db import connection

    from coproduce.gunicorn_conf import warm

    application = get_wsgi_application()
    assert warm(application)[0] == "200 OK"  # /readyz reads the database
    kept = connection.connection
    assert kept is not None
    warm(application)
    assert connection.connection is kept
