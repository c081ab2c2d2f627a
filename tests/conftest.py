"""Shared fixtures, including the documented cast of personas.

The cast, all in one organisation ("Acme Community Network") unless said:
- `coproducer`: a person with no login (most co-producers never sign in);
- `member`: a co-producer who signs in and has their own person record;
- `coordinator`: runs co-production day to day and keeps records;
- `admin`: runs the organisation's account;
- `commissioner`: a viewer who sees summaries, never personal details;
- `reviewer`: an external peer reviewer;
- `outsider`: an admin of a different organisation, who must see nothing here.
"""

import signal
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache, caches
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from coproduce.core.kept import forget_shared
from coproduce.core.models import Organisation, OrganisationKind, Role
from coproduce.people.models import Person
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, UserFactory
from tests.messaging.servers import API_KEY, NotifyServer, SmtpServer, generic_templates

DATABASE_FIXTURES = {"db", "transactional_db", "live_server", "django_db_setup"}


@pytest.fixture(autouse=True)
def _fast_and_quiet(request: Any, settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests that are about two-step sign-in turn it back on.
    settings.COPRODUCE_REQUIRE_MFA = False
    # Every email goes into the outbox as it does in production; the worker (run_tasks)
    # delivers it to Django's test inbox, `mail.outbox`.
    settings.EMAIL_BACKEND = "coproduce.messaging.backends.OutboxBackend"
    settings.MESSAGING_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.NOTIFY_API_KEY = ""
    # Each test starts with empty caches: the local one (library tag counts and searches)
    # and, for tests that reach the database, the shared one in it (sign-in limits).
    caches["local"].clear()
    forget_shared()
    # Each test starts in English, whatever language an earlier one left active in this
    # worker (a test comparing Welsh words with an English page failed now and then).
    translation.activate(django_settings.LANGUAGE_CODE)
    if request.node.get_closest_marker("django_db") or DATABASE_FIXTURES & set(
        request.fixturenames
    ):
        request.getfixturevalue("django_db_setup")
        with request.getfixturevalue("django_db_blocker").unblock():
            cache.clear()


@dataclass
class Cast:
    org: Organisation
    other_org: Organisation
    admin: Any
    coordinator: Any
    member: Any
    commissioner: Any
    reviewer: Any
    outsider: Any
    coproducer: Person
    member_person: Person
    other_person: Person

    def users(self) -> dict[str, Any]:
        return {
            "admin": self.admin,
            "coordinator": self.coordinator,
            "member": self.member,
            "commissioner": self.commissioner,
            "reviewer": self.reviewer,
            "outsider": self.outsider,
        }


@pytest.fixture
def cast(db: None) -> Cast:
    org = OrganisationFactory(
        name="Acme Community Network", slug="acme", kind=OrganisationKind.NETWORK
    )
    other = OrganisationFactory(
        name="Other Borough Council", slug="other", kind=OrganisationKind.COUNCIL
    )

    def with_role(role: str, organisation: Organisation = org) -> Any:
        return MembershipFactory(organisation=organisation, role=role).user

    member = with_role(Role.MEMBER)
    return Cast(
        org=org,
        other_org=other,
        admin=with_role(Role.ADMIN),
        coordinator=with_role(Role.COORDINATOR),
        member=member,
        commissioner=with_role(Role.VIEWER),
        reviewer=with_role(Role.REVIEWER),
        outsider=with_role(Role.ADMIN, other),
        coproducer=PersonFactory(organisation=org, preferred_name="Noor"),
        member_person=PersonFactory(organisation=org, preferred_name="Mo", user=member),
        other_person=PersonFactory(organisation=other, preferred_name="Elsewhere"),
    )


@pytest.fixture
def client_for() -> Any:
    """A signed-in test client for a user."""

    def make(user: Any) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


__all__ = ["Cast", "UserFactory"]


@pytest.fixture
def run_tasks() -> Any:
    """Run the background worker until the queue is empty, as `db_worker --batch` does.

    The worker installs its own SIGINT, SIGTERM and SIGQUIT handlers for a graceful stop
    and leaves them in place; they are put back afterwards, or processes this test run
    forks later (the ledger's concurrent writers) would ignore being told to stop."""

    def run() -> None:
        names = ("SIGINT", "SIGTERM", "SIGQUIT")
        saved = {name: signal.getsignal(getattr(signal, name)) for name in names}
        try:
            call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
        finally:
            for name, handler in saved.items():
                signal.signal(getattr(signal, name), handler)

    return run


@pytest.fixture
def deliver() -> Any:
    """Send what is due in the outbox, as the worker's task does, inside the test's own
    transaction (the worker itself closes the connection: see run_tasks)."""
    from coproduce.messaging import delivery

    return delivery.send_due


# --- Real servers for messages (tests/messaging/servers.py) --------------------------------


@pytest.fixture
def smtp(tmp_path: Any, settings: Any, monkeypatch: Any) -> Any:
    """A real mail server with STARTTLS and a login; the outbox sends through it."""
    server = SmtpServer(tmp_path)
    # The certificate is self-signed: the client trusts it as a system CA would be.
    monkeypatch.setenv("SSL_CERT_FILE", str(server.cert))
    server.start()
    for name, value in server.settings().items():
        setattr(settings, name, value)
    yield server
    server.stop()


@pytest.fixture
def notify(settings: Any) -> Any:
    """A local server speaking GOV.UK Notify's API, with a template for each channel."""
    templates = generic_templates()
    server = NotifyServer(templates)
    server.start()
    settings.NOTIFY_API_KEY = API_KEY
    settings.NOTIFY_BASE_URL = server.url
    settings.NOTIFY_TEMPLATES = {name: t.id for name, t in templates.items()}
    # Texts can go at any hour in these tests unless one is about quiet hours.
    settings.MESSAGING_QUIET_HOURS = (24, 0)
    yield server
    server.stop()


# --- Data that migrations load, put back after a flush ---------------------------------
# Tests that run outside a transaction (live servers, concurrency) end with a flush, which
# also empties what migrations loaded: the framework library and the shared scale.
# pytest-django runs those tests last, but split over processes (make test) a worker can
# get one before others, so the data is loaded again straight after each flush.
MIGRATION_DATA = (
    ("coproduce.frameworks.migrations.0002_load_library", "load"),
    ("coproduce.assessments.migrations.0003_default_scale", "create"),
    ("coproduce.assessments.migrations.0006_scalepoint_easy_read", "fill"),
    ("coproduce.frameworks.migrations.0003_welsh", "fill"),
    ("coproduce.assessments.migrations.0007_scalepoint_welsh", "fill"),
)


def _flushes(item: Any) -> bool:
    marker = item.get_closest_marker("django_db")
    transactional = bool(
        marker and (marker.kwargs.get("transaction") or (marker.args[:1] == (True,)))
    )
    return transactional or bool(
        {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: Any, nextitem: Any) -> Any:
    yield
    # After the last test the test database is gone already, and nothing needs the data.
    if nextitem is None or not _flushes(item):
        return
    import importlib

    from django.apps import apps
    from pytest_django.plugin import blocking_manager_key

    with item.config.stash[blocking_manager_key].unblock():
        for module, function in MIGRATION_DATA:
            getattr(importlib.import_module(module), function)(apps, None)
