"""Real servers for the messaging tests: an SMTP server with STARTTLS and a login
(aiosmtpd), and an HTTP server that checks requests against GOV.UK Notify's documented
API (paths, the JWT in the Authorization header, the body's fields) and answers as
Notify does. Our code talks to them through the real SMTP backend and the official
Notify client; nothing inside Coproduce is replaced."""

from __future__ import annotations

import json
import re
import socket
import ssl
import subprocess
import threading
import time
import uuid
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import jwt
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

SMTP_USER, SMTP_PASSWORD = "coproduce@council.example", "p@ss:w/rd"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and localhost (openssl, as Debian has it)."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost,IP:127.0.0.1",
        ],  # fmt: skip
        check=True,
        capture_output=True,
    )
    return cert, key


@dataclass
class Inbox:
    """What the SMTP server received, parsed; `refuse` lists addresses it answers 550."""

    received: list[EmailMessage] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)

    async def handle_RCPT(self, server, session, envelope, address, options):  # noqa: N802
        if address in self.refuse:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        assert session.authenticated, "mail was sent without the login"
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.received.append(parsed)
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.received if address in str(m["To"])]


def _check_login(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login == SMTP_USER.encode() and auth_data.password == SMTP_PASSWORD.encode()
    return AuthResult(success=ok)


class SmtpServer:
    """aiosmtpd on a free port: STARTTLS required before the login, the login required."""

    def __init__(self, folder: Path) -> None:
        self.cert, key = make_certificate(folder)
        self.context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.context.load_cert_chain(self.cert, key)
        self.port = free_port()
        self.inbox = Inbox()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(
            self.inbox,
            hostname="127.0.0.1",
            port=self.port,
            tls_context=self.context,
            require_starttls=True,
            authenticator=_check_login,
            auth_required=True,
        )
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def settings(self) -> dict[str, Any]:
        return {
            "MESSAGING_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": self.port,
            "EMAIL_USE_TLS": True,
            "EMAIL_USE_SSL": False,
            "EMAIL_HOST_USER": SMTP_USER,
            "EMAIL_HOST_PASSWORD": SMTP_PASSWORD,
            "EMAIL_TIMEOUT": 5,
        }


# --- GOV.UK Notify ---------------------------------------------------------------------

SERVICE_ID = "26785a09-ab16-4eb0-8407-a37497a57506"
SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0"
API_KEY = f"coproduce_test-{SERVICE_ID}-{SECRET}"
PLACEHOLDER = re.compile(r"\(\(([^)]+)\)\)")
UK_MOBILE = re.compile(r"^(\+44\s?7|07)\d{3}\s?\d{6}$")
POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$", re.IGNORECASE)


@dataclass
class Template:
    id: str
    type: str  # email, sms or letter
    subject: str
    body: str

    def placeholders(self) -> set[str]:
        return set(PLACEHOLDER.findall(self.subject + self.body))


def generic_templates() -> dict[str, Template]:
    """A template for each channel, as a council sets them up in Notify."""
    return {
        "email": Template(str(uuid.uuid4()), "email", "((subject))", "((body))"),
        "text": Template(str(uuid.uuid4()), "sms", "", "((body))"),
        "letter": Template(str(uuid.uuid4()), "letter", "((subject))", "((body))"),
    }


class NotifyServer:
    """Answers Notify's v2 API for sending email, text messages and letters and for
    looking a notification up, refusing what Notify refuses."""

    def __init__(self, templates: dict[str, Template]) -> None:
        self.templates = {t.id: t for t in templates.values()}
        self.names = {name: t.id for name, t in templates.items()}
        self.sent: list[dict[str, Any]] = []
        self.statuses: dict[str, str] = {}
        self.down = False
        self.port = free_port()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", self.port), self._handler())
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def of_type(self, kind: str) -> list[dict[str, Any]]:
        return [s for s in self.sent if s["type"] == kind]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _answer(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _error(self, status: int, error: str, message: str) -> None:
                self._answer(
                    status,
                    {"status_code": status, "errors": [{"error": error, "message": message}]},
                )

            def _authorised(self) -> bool:
                header = self.headers.get("Authorization", "")
                if not header.startswith("Bearer "):
                    self._error(
                        401, "AuthError", "Unauthorized: authentication token must be provided"
                    )
                    return False
                try:
                    claims = jwt.decode(header[7:], SECRET, algorithms=["HS256"])
                except jwt.PyJWTError:
                    self._error(403, "AuthError", "Invalid token: signature, api token not found")
                    return False
                if claims.get("iss") != SERVICE_ID:
                    self._error(403, "AuthError", "Invalid token: service not found")
                    return False
                if abs(time.time() - int(claims.get("iat", 0))) > 30:
                    self._error(
                        403,
                        "AuthError",
                        "Error: Your system clock must be accurate to within 30 seconds",
                    )
                    return False
                return True

            def do_GET(self) -> None:
                if server.down:
                    self._error(500, "Exception", "Internal server error")
                    return
                if not self._authorised():
                    return
                found = re.fullmatch(r"/v2/notifications/([0-9a-f-]{36})", self.path)
                sent = next((s for s in server.sent if found and s["id"] == found[1]), None)
                if sent is None:
                    self._error(404, "NoResultFound", "No result found")
                    return
                self._answer(200, {**sent, "status": server.statuses.get(sent["id"], "sending")})

            def do_POST(self) -> None:
                if server.down:
                    self._error(500, "Exception", "Internal server error")
                    return
                if not self._authorised():
                    return
                kinds = {"/v2/notifications/email": "email", "/v2/notifications/sms": "sms",
                         "/v2/notifications/letter": "letter"}  # fmt: skip
                kind = kinds.get(self.path)
                if kind is None:
                    self._error(404, "NotFound", "Not found")
                    return
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                problem = server.problem(kind, body)
                if problem:
                    self._error(400, "BadRequestError", problem)
                    return
                template = server.templates[body["template_id"]]
                notification = {
                    "id": str(uuid.uuid4()),
                    "type": kind,
                    "reference": body.get("reference"),
                    "template": {"id": template.id, "version": 1, "uri": f"{server.url}/v2/template/{template.id}"},
                    "personalisation": body.get("personalisation", {}),
                    "to": body.get("email_address") or body.get("phone_number") or "",
                    "content": {"body": server.fill(template.body, body["personalisation"]),
                                "subject": server.fill(template.subject, body["personalisation"])},
                }  # fmt: skip
                server.sent.append(notification)
                answer = {k: notification[k] for k in ("id", "reference", "template", "content")}
                self._answer(
                    201, {**answer, "uri": f"{server.url}/v2/notifications/{notification['id']}"}
                )

        return Handler

    @staticmethod
    def fill(text: str, personalisation: dict[str, Any]) -> str:
        return PLACEHOLDER.sub(lambda m: str(personalisation.get(m[1], "")), text)

    def problem(self, kind: str, body: dict[str, Any]) -> str:
        """What Notify would refuse in this request, or ''."""
        allowed = {"template_id", "personalisation", "reference"} | {
            "email": {"email_address", "email_reply_to_id", "one_click_unsubscribe_url"},
            "sms": {"phone_number", "sms_sender_id"},
            "letter": set(),
        }[kind]
        extra = set(body) - allowed
        if extra:
            return (
                f"Additional properties are not allowed ({', '.join(sorted(extra))} was unexpected)"
            )
        template = self.templates.get(str(body.get("template_id")))
        if template is None:
            return "Template not found"
        if template.type != kind:
            return f"{kind} template is not suitable for {template.type} notification"
        personalisation = body.get("personalisation") or {}
        missing = template.placeholders() - set(personalisation)
        if kind == "letter":
            lines = [personalisation.get(f"address_line_{n}", "") for n in range(1, 8)]
            given = [line for line in lines if line]
            if len(given) < 3:
                return "Address must be at least 3 lines"
            if not POSTCODE.match(given[-1]):
                return "Last line of address must be a real UK postcode or another country"
        if missing:
            return f"Missing personalisation: {', '.join(sorted(missing))}"
        if kind == "email" and "@" not in str(body.get("email_address", "")):
            return "email_address Not a valid email address"
        if kind == "sms" and not UK_MOBILE.match(
            str(body.get("phone_number", "")).replace(" ", "")
        ):
            return "phone_number Not a UK mobile number"
        return ""
