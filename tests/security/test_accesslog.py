"""18 (in part): secrets in addresses stay out of the server's access log."""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from coproduce.web.accesslog import redact


def test_secrets_in_addresses_are_redacted() -> None:
    assert redact("GET /survey/abc123SECRET/ HTTP/1.1") == "GET /survey/…/ HTTP/1.1"
    assert redact("/answer/tok-EN_1/3/") == "/answer/…/3/"
    assert (
        redact("https://x.example/invitations/zzz/?next=/")
        == "https://x.example/invitations/…/?next=/"
    )
    assert redact("/orgs/acme/people/") == "/orgs/acme/people/"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_gunicorn_writes_no_secret_to_its_access_log(tmp_path: Path) -> None:
    port = _free_port()
    log = tmp_path / "access.log"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "coproduce.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--no-control-socket",
            "--access-logfile",
            str(log),
            "--logger-class",
            "coproduce.web.accesslog.RedactingLogger",
        ],  # fmt: skip
        env={**os.environ, "COPRODUCE_VAR_DIR": str(tmp_path)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=30)
                break
            except urllib.error.HTTPError:
                break  # it answered: an empty database is not healthy, and that is fine here
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        for path in ("/survey/SECRETKEY123/", "/answer/SECRETTOKEN456/"):
            # A 404 or 503 is fine: the point is what the log says.
            with contextlib.suppress(urllib.error.HTTPError):
                urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30)
    finally:
        server.terminate()
        server.wait(timeout=10)
    written = log.read_text()
    assert "/survey/…/" in written
    assert "SECRETKEY123" not in written
    assert "SECRETTOKEN456" not in written
