"""Debian's nginx, with the configuration we ship, in front of gunicorn on loopback
(issue 22). Straight to gunicorn, three clients sending a request body slowly hold
both sync workers and the health check waits; through nginx it answers at once.
With COPRODUCE_TRUSTED_PROXY_COUNT=1 each client has its own sign-in limit; without
it, every client shares the proxy's."""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)

TEMPLATE = Path(__file__).resolve().parents[2] / "deploy/nginx/coproduce.conf.template"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
TLS = ssl.create_default_context()
TLS.check_hostname = False
TLS.verify_mode = ssl.CERT_NONE


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.1)
    raise AssertionError(f"nothing listening on port {port}")


def running(server: subprocess.Popen, port: int) -> Iterator[int]:
    """Yield the port once the server listens on it; stop the server afterwards."""
    try:
        wait_for(port)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def database_url() -> str:
    config = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{config['NAME']}"
    return f"postgres://{config['USER']}@{config['HOST']}:{config['PORT']}/{config['NAME']}"


@contextmanager
def gunicorn(tmp_path: Path, **env: str) -> Iterator[int]:
    """Two sync workers on loopback, on the test's own database."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "coproduce.wsgi:application"]
        + ["--bind", f"127.0.0.1:{port}", "--workers", "2", "--no-control-socket"],
        env={
            **os.environ,
            "DATABASE_URL": database_url(),
            "COPRODUCE_VAR_DIR": str(tmp_path / "var"),
            "SECRET_KEY": "x" * 60,
            "COPRODUCE_REQUIRE_MFA": "false",
            "COPRODUCE_LOGIN_RATE": "3/m/ip,5/5m/key",
            **env,
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    yield from running(server, port)


@contextmanager
def nginx(tmp_path: Path, upstream: int) -> Iterator[int]:
    """Debian's nginx with the shipped site, its placeholders filled in, on a free port
    with a certificate made for the test."""
    assert Path(NGINX).exists(), "nginx is missing: `make test` installs Debian's nginx"
    here = tmp_path / f"nginx-{upstream}"
    here.mkdir()
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-subj", "/CN=localhost", "-keyout", str(here / "privkey.pem")]
        + ["-out", str(here / "fullchain.pem")],
        check=True,
        capture_output=True,
    )
    port, plain = free_port(), free_port()
    site = (
        TEMPLATE.read_text()
        .replace("${COPRODUCE_HOST}", "localhost")
        .replace("${COPRODUCE_UPSTREAM}", f"127.0.0.1:{upstream}")
        .replace("${COPRODUCE_TLS_DIR}", str(here))
        .replace("listen 80;", f"listen 127.0.0.1:{plain};")
        .replace("listen 443 ssl http2;", f"listen 127.0.0.1:{port} ssl http2;")
    )
    site = "\n".join(line for line in site.splitlines() if "listen [::]" not in line)
    (here / "site.conf").write_text(site)
    temp = " ".join(
        f"{kind}_temp_path {here / kind};" for kind in ("client_body", "proxy", "fastcgi")
    )
    (here / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"daemon off; worker_processes 1; pid {here / 'nginx.pid'};\n"
        + f"error_log {here / 'error.log'};\n"
        + "events { worker_connections 256; }\n"
        + f"http {{ access_log off; {temp} uwsgi_temp_path {here / 'uwsgi'}; "
        + f"scgi_temp_path {here / 'scgi'}; include {here / 'site.conf'}; }}\n"
    )
    server = subprocess.Popen(
        [NGINX, "-p", str(here), "-c", str(here / "nginx.conf")], stderr=subprocess.DEVNULL
    )
    yield from running(server, port)


@contextmanager
def slow_senders(port: int, tls: bool, clients: int = 3) -> Iterator[None]:
    """Clients that each start a 10,000-byte sign-in and send a byte every half second."""
    stop = threading.Event()
    sockets = []
    for _ in range(clients):
        raw = socket.create_connection(("127.0.0.1", port), timeout=10)
        sock = TLS.wrap_socket(raw) if tls else raw
        # With a CSRF cookie, Django reads the whole body to find the form's token.
        sock.sendall(
            b"POST /accounts/login/ HTTP/1.1\r\nHost: localhost\r\n"
            b"Cookie: csrftoken=" + b"a" * 32 + b"\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: 10000\r\n\r\n"
        )
        sockets.append(sock)

    def drip() -> None:
        while not stop.wait(0.5):
            for sock in sockets:
                with suppress(OSError):
                    sock.sendall(b"a")

    dripping = threading.Thread(target=drip, daemon=True)
    dripping.start()
    time.sleep(1)  # the senders reach the workers first
    try:
        yield
    finally:
        stop.set()
        dripping.join()
        for sock in sockets:
            sock.close()


def health(port: int, tls: bool, timeout: float) -> int:
    """The health check's status, or 0 if it did not answer within `timeout`."""
    if tls:
        client: Any = http.client.HTTPSConnection("127.0.0.1", port, timeout=timeout, context=TLS)
    else:
        client = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        client.request("GET", "/healthz", headers={"Host": "localhost"})
        return client.getresponse().status
    except TimeoutError:
        return 0
    finally:
        client.close()


def test_slow_request_bodies_freeze_gunicorn_alone_but_not_behind_nginx(
    tmp_path: Path,
) -> None:
    with gunicorn(tmp_path) as app, nginx(tmp_path, app) as proxy:
        assert health(proxy, tls=True, timeout=10) == 200
        with slow_senders(app, tls=False):
            assert health(app, tls=False, timeout=4) == 0  # both workers are held
        with slow_senders(proxy, tls=True):
            assert health(proxy, tls=True, timeout=4) == 200
            assert health(proxy, tls=True, timeout=4) == 200


class Browser:
    """One client on its own loopback address, keeping its CSRF cookie."""

    def __init__(self, port: int, address: str) -> None:
        self.port, self.address, self.cookie = port, address, ""

    def request(self, method: str, path: str, body: str = "") -> str:
        client = http.client.HTTPSConnection(
            "127.0.0.1", self.port, timeout=20, context=TLS, source_address=(self.address, 0)
        )
        headers = {
            "Host": "localhost",
            "Cookie": self.cookie,
            "Referer": "https://localhost/accounts/login/",
        }
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        client.request(method, path, body=body, headers=headers)
        response = client.getresponse()
        found = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "")
        if found:
            self.cookie = f"csrftoken={found[1]}"
        page = response.read().decode()
        client.close()
        return page

    def fail_sign_in(self, email: str) -> str:
        form = self.request("GET", "/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]  # type: ignore[index]
        body = f"csrfmiddlewaretoken={token}&login={email}&password=wrong+guess+here"
        return self.request("POST", "/accounts/login/", body)


REFUSED = "Too many failed login attempts"


def guesses_then_a_neighbour(proxy: int) -> tuple[str, str]:
    """Four wrong sign-ins from one client, then one from another: their last pages."""
    guesser, neighbour = Browser(proxy, "127.0.0.2"), Browser(proxy, "127.0.0.3")
    last = ""
    for n in range(4):
        last = guesser.fail_sign_in(f"guess{n}@example.org")
    return last, neighbour.fail_sign_in("someone@example.org")


def test_with_the_trusted_proxy_setting_each_client_has_its_own_sign_in_limit(
    tmp_path: Path,
) -> None:
    with gunicorn(tmp_path) as app, nginx(tmp_path, app) as proxy:
        guesser, neighbour = guesses_then_a_neighbour(proxy)
        assert REFUSED in guesser
        assert REFUSED in neighbour  # every client looks like nginx: one shared limit
    with (
        gunicorn(tmp_path / "trusted", COPRODUCE_TRUSTED_PROXY_COUNT="1") as app,
        nginx(tmp_path, app) as proxy,
    ):
        guesser, neighbour = guesses_then_a_neighbour(proxy)
        assert REFUSED in guesser
        assert REFUSED not in neighbour
        assert "The email address and/or password you specified are not correct" in neighbour
