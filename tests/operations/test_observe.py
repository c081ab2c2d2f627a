"""What the IT team watches (issue 22): liveness and readiness, a request id on every
answer and log line, one JSON log line a request with secrets taken out, /metrics for
Prometheus behind its token, and the deploy checks `coproduce check` runs."""

import io
import json
import logging
import logging.config
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from coproduce.messaging.models import Message

pytestmark = pytest.mark.django_db


def test_alive_and_ready(client: Any) -> None:
    assert client.get("/livez").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {
        "status": "ok",
        "database": "ok",
        "migrations_waiting": 0,
    }
    assert client.post("/readyz").status_code == 405


@pytest.mark.django_db(transaction=True)
def test_not_ready_while_a_migration_waits(client: Any) -> None:
    call_command("migrate", "influence", "0003", verbosity=0)
    try:
        answer = client.get("/readyz")
        assert answer.status_code == 503
        assert answer.json()["migrations_waiting"] == 1
        assert client.get("/livez").status_code == 200
    finally:
        call_command("migrate", "influence", verbosity=0)


def test_every_answer_has_a_request_id_and_a_json_log_line_without_secrets(
    client: Any, settings: Any
) -> None:
    stream = io.StringIO()
    config = {**settings.LOGGING, "root": {"handlers": ["console"], "level": "INFO"}}
    config["handlers"] = {**config["handlers"]}
    config["handlers"]["console"] = {**config["handlers"]["console"], "stream": stream}
    logging.config.dictConfig(config)
    try:
        given = client.get("/livez", headers={"X-Request-ID": "from-nginx-123"})
        made = client.get("/survey/secret-key-here/")
        odd = client.get("/livez", headers={"X-Request-ID": "not ok\nat all"})
    finally:
        logging.config.dictConfig(settings.LOGGING)
    assert given["X-Request-ID"] == "from-nginx-123"
    assert len(made["X-Request-ID"]) == 32
    assert odd["X-Request-ID"] != "not ok\nat all"
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    requests = [line for line in lines if line["logger"] == "coproduce.requests"]
    assert requests[0] == {
        **requests[0],
        "message": "request",
        "level": "INFO",
        "method": "GET",
        "path": "/livez",
        "status": 200,
        "request_id": "from-nginx-123",
    }
    assert requests[1]["path"] == "/survey/…/"
    assert "secret-key-here" not in stream.getvalue()


def test_metrics_need_their_token(client: Any, settings: Any, tmp_path: Path) -> None:
    assert client.get("/metrics").status_code == 404  # no token set: no page
    settings.COPRODUCE_METRICS_TOKEN = "s3cret-token-for-prometheus"
    settings.COPRODUCE_BACKUP_DIR = str(tmp_path)
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 404
    Message.objects.create(channel="email", kind="account", to_address="a@example.org",
                           body="Hello", status="failed")  # fmt: skip
    client.get("/livez")
    answer = client.get("/metrics", headers={"Authorization": "Bearer s3cret-token-for-prometheus"})
    assert answer.status_code == 200
    text = answer.content.decode()
    assert 'coproduce_messages{status="failed"} 1.0' in text
    assert 'coproduce_messages{status="queued"} 0.0' in text
    assert "coproduce_tasks_waiting 0.0" in text
    assert "coproduce_backup_age_seconds -1.0" in text
    assert 'coproduce_requests_total{method="GET",status="2xx"}' in text
    assert "coproduce_request_seconds_bucket" in text
    (tmp_path / "coproduce-x.sqlite3.json").write_text("{}")
    text = client.get(
        "/metrics", headers={"Authorization": "Bearer s3cret-token-for-prometheus"}
    ).content.decode()
    age = float(re.search(r"^coproduce_backup_age_seconds (\S+)$", text, re.M)[1])
    assert 0 <= age < 600


def test_the_deploy_checks_name_what_a_live_site_lacks(settings: Any, tmp_path: Path) -> None:
    settings.DEBUG = False
    settings.HTTPS = False
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    settings.COPRODUCE_BACKUP_DIR = str(tmp_path / "missing")
    with pytest.raises(SystemCheckError) as refused:
        call_command("check", deploy=True, fail_level="WARNING")
    said = str(refused.value)
    for problem in ("coproduce.E002", "coproduce.W002", "coproduce.E003"):
        assert problem in said
    (tmp_path / "missing").mkdir()
    with pytest.raises(SystemCheckError) as refused:
        call_command("check", deploy=True, fail_level="WARNING")
    assert "coproduce.W003" in str(refused.value)  # no recent backup there
    assert "coproduce.E003" not in str(refused.value)
