"""Every form on every page under /orgs/, filled by Hypothesis with hostile input: the
answer is never a server error.

The forms are found by reading the pages as an admin of a generated organisation, so
a new form is fuzzed the day it appears. Each form gets COPRODUCE_FUZZ_EXAMPLES
submissions (10 in `make test`; `make fuzz` runs 200). Values mix what the form offers
(its own options, its hidden fields) with text in every script, control characters,
huge and odd numbers, impossible dates, markup and files of random bytes.
"""

import os
import re
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coproduce.core.models import Organisation, Role
from coproduce.demo.generate import generate
from tests.factories import MembershipFactory, UserFactory
from tests.routes import complete, fill, org_routes, page_values

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("COPRODUCE_FUZZ_EXAMPLES", "10"))
# Pages whose forms change who may sign in, or remove people, go last.
LAST = ("/members/", "/delete/", "/erase/", "/withdraw/")

ODD = st.sampled_from(
    [
        "",
        " ",
        "0",
        "-1",
        "3.5",
        "99999999999999999999999",
        "1e309",
        "NaN",
        "2026-02-30",
        "31/12/1899",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "\x00",
        "a\x00b",
        "\u202e\u200b",
        "😀" * 40,
        "x" * 20_000,
    ]
)
HOSTILE = st.one_of(
    ODD,
    st.text(max_size=60),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.dates().map(lambda d: d.isoformat()),
)


class _Forms(HTMLParser):
    """The POST forms of a page: where each goes and its named fields."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            if (attrs.get("method") or "get").lower() == "post":
                self.forms.append({"action": attrs.get("action") or "", "fields": {}})
            else:
                self.forms.append(None)
            return
        if not self.forms or self.forms[-1] is None:
            return
        fields = self.forms[-1]["fields"]
        name = attrs.get("name")
        if tag == "input" and name and name != "csrfmiddlewaretoken":
            kind = attrs.get("type", "text")
            field = fields.setdefault(name, {"kind": kind, "options": []})
            if kind in {"hidden", "checkbox", "radio"}:
                field["options"].append(attrs.get("value", "on"))
        elif tag == "textarea" and name:
            fields.setdefault(name, {"kind": "textarea", "options": []})
        elif tag == "select" and name:
            kind = "multiple" if "multiple" in attrs else "select"
            self._select = fields.setdefault(name, {"kind": kind, "options": []})
        elif tag == "option" and self._select is not None:
            self._select["options"].append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def _strategy(field):
    options = [value for value in field["options"] if value is not None]
    if field["kind"] == "file":
        return st.one_of(st.none(), st.binary(max_size=4000))
    if field["kind"] == "multiple":
        # Several chosen: the browser sends the name once for each.
        return st.one_of(st.lists(st.sampled_from(options or [""]), max_size=4), HOSTILE)
    if field["kind"] == "hidden" and options:
        # Mostly as the page sent it, so the form's own branch runs.
        return st.one_of(st.sampled_from(options), st.sampled_from(options), HOSTILE)
    if options:
        return st.one_of(st.sampled_from(options), HOSTILE)
    return HOSTILE


def _pages(organisation, ids):
    addresses = [
        fill(route, {**page_values(params, ids), "org_slug": organisation.slug})
        for route, params in org_routes()
    ]
    return sorted(addresses, key=lambda address: any(part in address for part in LAST))


@pytest.fixture
def admin_client():
    generate("small", 1, lambda *args: None)
    organisation = Organisation.objects.get(slug="gen-2")
    ids = complete(organisation)
    user = UserFactory()
    MembershipFactory(user=user, organisation=organisation, role=Role.ADMIN)
    client = Client()
    client.force_login(user)
    return client, organisation, ids


def test_no_form_answers_hostile_input_with_a_server_error(admin_client):
    client, organisation, ids = admin_client
    fuzzed = []
    seen = set()
    for address in _pages(organisation, ids):
        response = client.get(address)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _Forms()
        parser.feed(response.content.decode())
        for form in filter(None, parser.forms):
            if not form["fields"]:
                continue
            target = form["action"] or address
            # One of each kind: a page listing twenty passages has twenty alike forms.
            kind = (re.sub(r"\d+", "N", target), tuple(sorted(form["fields"])))
            if kind in seen:
                continue
            seen.add(kind)
            fuzzed.append(target)
            _fuzz(client, target, form["fields"])
    # The forms are really found: people, sessions, recognition, evidence, privacy...
    assert len(fuzzed) > 50, fuzzed


def _fuzz(client, target, fields):
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def submit(data):
        payload = {}
        for name, field in fields.items():
            value = data.draw(_strategy(field), label=name)
            if field["kind"] == "file":
                if value is not None:
                    payload[name] = SimpleUploadedFile("upload.bin", value)
            else:
                payload[name] = value
        response = client.post(target, payload)
        assert response.status_code < 500, (target, response.status_code)

    submit()


# --- What is saved is what was sent: choosing several people -------------------------------


@pytest.fixture
def riverside(cast):
    from tests.factories import PersonFactory

    people = [PersonFactory(organisation=cast.org, preferred_name=f"P{n}") for n in range(6)]
    client = Client()
    client.force_login(cast.coordinator)
    return client, people


def test_the_people_saved_are_exactly_the_people_sent(riverside):
    """Hypothesis picks any set of people (none included) for a "you said, we did" item
    and a session's invitees; what is saved is that set, never the first person."""
    from coproduce.influence.models import InfluenceItem
    from coproduce.sessions.models import Session

    client, people = riverside

    @settings(max_examples=EXAMPLES * 2, deadline=None, database=None, derandomize=True)
    @given(chosen=st.lists(st.sampled_from(people), unique=True, max_size=len(people)))
    def submit(chosen):
        sent = sorted(p.pk for p in chosen)
        item = client.post(
            "/orgs/acme/you-said-we-did/new/",
            {
                "title": "Raised",
                "addressed_to": "Council",
                "raised_by_group": "Carers",
                "raised_on": "2026-11-02",
                "people": sent,
            },
        )
        assert item.status_code == 302, item.content.decode()[:500]
        saved = InfluenceItem.objects.order_by("-pk").first()
        assert sorted(saved.raised_by_people.values_list("pk", flat=True)) == sent
        session = client.post(
            "/orgs/acme/sessions/new/",
            {
                "title": "Forum",
                "kind": "forum",
                "starts_at": "2026-12-10T10:00",
                "hours": "2",
                "invitees": sent,
            },
        )
        assert session.status_code == 302, session.content.decode()[:500]
        saved = Session.objects.order_by("-pk").first()
        assert sorted(saved.invitees.values_list("pk", flat=True)) == sent

    submit()
