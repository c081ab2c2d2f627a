"""The mail server from one EMAIL_URL (issue 18, part): found from outside, host, port,
TLS and login were not read from the environment, so a council on Microsoft 365 needed
a code change. Checked against a real SMTP server (aiosmtpd) that asks for the login."""

import os
import socket
import subprocess
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append((session.authenticated, envelope.rcpt_tos, envelope.content))
        return "250 OK"


def _check_login(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login == b"coproduce@council.example" and auth_data.password == b"p@ss:w/rd"
    return AuthResult(success=ok)


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_email_url_sends_through_a_real_server_with_its_login(tmp_path):
    inbox = Inbox()
    port = _free_port()
    server = Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        authenticator=_check_login,
        auth_require_tls=False,
        auth_required=True,
    )
    server.start()
    try:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("EMAIL_", "COPRODUCE_"))}
        env.update(
            {
                "COPRODUCE_VAR_DIR": str(tmp_path),
                "EMAIL_URL": f"smtp://coproduce%40council.example:p%40ss%3Aw%2Frd@127.0.0.1:{port}",
                "DJANGO_SETTINGS_MODULE": "coproduce.settings",
            }
        )
        code = (
            "import django; django.setup();"
            "from django.conf import settings;"
            "from django.core.mail import get_connection, send_mail;"
            "print(settings.EMAIL_HOST_USER, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT);"
            "send_mail('Your session moved', 'Now on Thursday.', None, ['noor@example.org'],"
            " connection=get_connection(settings.MESSAGING_EMAIL_BACKEND))"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
        )
    finally:
        server.stop()
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["coproduce@council.example", str(port), "10"]
    [(signed_in, recipients, content)] = inbox.messages
    assert recipients == ["noor@example.org"]
    assert b"Now on Thursday." in content
    assert signed_in  # the server required the login, and it was accepted


def test_tls_and_ssl_urls_set_the_right_switches(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("EMAIL_", "COPRODUCE_"))}
    env.update({"COPRODUCE_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "coproduce.settings"})
    code = (
        "import django; django.setup(); from django.conf import settings;"
        "print(settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS, settings.EMAIL_USE_SSL)"
    )
    for url, expected in (
        ("smtp+tls://u:p@smtp.office365.com:587", "smtp.office365.com 587 True False"),
        ("smtp+ssl://u:p@mail.example.org:465", "mail.example.org 465 False True"),
    ):
        out = subprocess.run(
            [sys.executable, "-c", code],
            env={**env, "EMAIL_URL": url},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert out.stdout.strip() == expected, out.stderr
