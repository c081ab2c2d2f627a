"""No way into another organisation: every page and API operation, for every role.

Generated over the URL configuration and the OpenAPI schema, so a new page or endpoint
is covered the day it is added (and this test fails until its ids are mapped below).
Two organisations that are not in each other's networks, "mine" (gen-2) and "theirs"
(gen-3), both filled by `coproduce generate`. Signed in with each role in mine, every
route is asked for (GET and POST) two ways: in their organisation with their ids, and
in mine with their ids. Each answer must refuse (403, 404, 405, or 422 for a body the
API rejects before looking), must not name anything of theirs, and nothing of theirs
may change.
"""

import datetime
import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from coproduce.assessments.models import Action, Assessment, Respondent
from coproduce.core.models import Invitation, Membership, Organisation, Role
from coproduce.core.services import api_token_create
from coproduce.demo.generate import generate
from coproduce.evidence.models import Document, Excerpt, Indicator, Survey
from coproduce.frameworks.models import Framework
from coproduce.frameworks.services import framework_create
from coproduce.influence.models import FollowUp, InfluenceItem
from coproduce.initiatives.models import Initiative, TeamMember
from coproduce.operations.backup import inventory
from coproduce.people.models import Consent, Person
from coproduce.recognition.models import (
    Account,
    ExpenseCategory,
    ExpenseClaim,
    Opportunity,
    Partner,
    PaymentRun,
    Transaction,
)
from coproduce.sessions.models import Session
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

REFUSED = {403, 404, 405}
ROLES = [Role.ADMIN, Role.COORDINATOR, Role.MEMBER, Role.VIEWER, Role.REVIEWER]

# The model behind each id in a page's address, by the word before it (or its name).
PAGE_IDS = {
    ("people", "pk"): Person,
    ("consents", "consent_pk"): Consent,
    ("initiatives", "pk"): Initiative,
    ("team", "member_pk"): TeamMember,
    ("sessions", "pk"): Session,
    ("assessments", "pk"): Assessment,
    ("respondents", "respondent_pk"): Respondent,
    ("actions", "action_pk"): Action,
    ("to-tell", "pk"): FollowUp,
    ("you-said-we-did", "pk"): InfluenceItem,
    ("ledger", "pk"): Transaction,
    ("payments", "pk"): PaymentRun,
    ("claims", "pk"): ExpenseClaim,
    ("partners", "pk"): Partner,
    ("opportunities", "pk"): Opportunity,
    ("indicators", "pk"): Indicator,
    ("value", "pk"): Initiative,
    ("surveys", "pk"): Survey,
    ("documents", "pk"): Document,
    ("excerpts", "pk"): Excerpt,
    ("members", "pk"): Membership,
    ("invitations", "pk"): Invitation,
    ("frameworks", "key"): Framework,
    ("export.", "fmt"): None,  # a file format, not an id
}
API_IDS = {
    "person_id": Person,
    "initiative_id": Initiative,
    "assessment_id": Assessment,
    "respondent_id": Respondent,
    "item_id": InfluenceItem,
    "session_id": Session,
    "transaction_id": Transaction,
    "account_id": Account,
    "opportunity_id": Opportunity,
    "indicator_id": Indicator,
    "survey_id": Survey,
    "excerpt_id": Excerpt,
}


def _org_routes():
    """(route, [(word before the parameter, parameter)]) for every page under /orgs/."""

    def walk(resolver, prefix):
        for pattern in resolver.url_patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern, route)
            elif isinstance(pattern, URLPattern) and route.startswith("orgs/<slug:org_slug>/"):
                yield route

    for route in walk(get_resolver(), ""):
        params = []
        for piece in route.split("<")[2:]:
            name = piece.split(":")[1].split(">")[0]
            before = route.split("<" + piece)[0].rstrip("/").split("/")[-1]
            params.append((before, name))
        yield route, params


def _fill(route, values):
    out = route
    for name, value in values.items():
        out = out.replace(f"<{name}>", str(value))
        for kind in ("int", "slug", "str"):
            out = out.replace(f"<{kind}:{name}>", str(value))
    return "/" + out


@pytest.fixture
def world():
    generate("small", 1, lambda *args: None)
    mine = Organisation.objects.get(slug="gen-2")
    theirs = Organisation.objects.get(slug="gen-3")
    # What the generator does not make: one of each, in their organisation.
    their_staff = Membership.objects.filter(organisation=theirs, role=Role.ADMIN).first().user
    person = Person.objects.filter(organisation=theirs).first()
    assessment = Assessment.objects.filter(organisation=theirs).first()
    item = InfluenceItem.objects.filter(organisation=theirs).first()
    Action.objects.create(organisation=theirs, assessment=assessment, title="Theirs", owner="Jo")
    FollowUp.objects.create(organisation=theirs, person=person, item=item, message="Tell Jo")
    PaymentRun.objects.create(organisation=theirs, created_by=their_staff)
    category = ExpenseCategory.objects.create(organisation=theirs, name="Bus", kind="travel")
    ExpenseClaim.objects.create(
        organisation=theirs,
        person=person,
        category=category,
        description="Bus fare",
        amount_pence=420,
        incurred_on=datetime.date(2026, 5, 1),
        receipt=SimpleUploadedFile("r.png", b"\x89PNG\r\n\x1a\nreceipt", "image/png"),
    )
    Invitation.objects.create(
        organisation=theirs,
        email="new@example.org",
        role=Role.MEMBER,
        token_hash="x" * 64,
        expires_at=datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC),
    )
    framework_create(
        organisation=theirs,
        by=their_staff,
        title="Their own principles",
        kind="principles",
        description="",
        items_text="Respect\nTrust",
    )
    ids = {}
    for model in {*PAGE_IDS.values(), *API_IDS.values()} - {None}:
        rows = model.objects.filter(organisation=theirs)
        if model is Framework:
            ids[model] = rows.values_list("key", flat=True).first()
        else:
            ids[model] = rows.values_list("pk", flat=True).first()
        assert ids[model] is not None, f"no {model.__name__} in their organisation"
    people = {}
    for role in ROLES:
        user = UserFactory()
        MembershipFactory(user=user, organisation=mine, role=role)
        people[role] = user
    return mine, theirs, ids, people


def _theirs_snapshot(theirs):
    """Row counts and ledger balances everywhere, and every row of theirs that a page
    could change, as one digest."""
    with connection.cursor() as cursor:
        counts = inventory(cursor, connection.ops.quote_name)
    rows = [
        list(model.objects.filter(organisation=theirs).order_by("pk").values_list())
        for model in (Person, Initiative, Session, InfluenceItem, Assessment, Indicator, Survey)
    ]
    return hashlib.sha256(repr((counts, rows)).encode()).hexdigest()


def _names_of(theirs):
    return [p.full_name for p in Person.objects.filter(organisation=theirs)[:20]] + [theirs.name]


def _page_addresses(mine, theirs, ids):
    for route, params in _org_routes():
        values = {}
        for before, name in params:
            if name == "org_slug":
                continue
            key = (before, name)
            if key not in PAGE_IDS and (before.split(".")[0] + ".", name) in PAGE_IDS:
                key = (before.split(".")[0] + ".", name)
            assert key in PAGE_IDS, f"map {key} for {route} in PAGE_IDS"
            model = PAGE_IDS[key]
            values[name] = "csv" if model is None else ids[model]
        yield _fill(route, {**values, "org_slug": theirs.slug})
        if len(params) > 1:
            yield _fill(route, {**values, "org_slug": mine.slug})


def _api_addresses(client, mine, theirs, ids):
    schema = client.get("/api/v1/openapi.json").json()
    for path, operations in schema["paths"].items():
        if "{org_slug}" not in path:
            continue
        values = {}
        for name in [piece.split("}")[0] for piece in path.split("{")[1:]]:
            if name == "org_slug":
                continue
            assert name in API_IDS, f"map {name} for {path} in API_IDS"
            values[name] = ids[API_IDS[name]]
        for method in operations:
            for slug in {theirs.slug, mine.slug} if values else {theirs.slug}:
                address = path.replace("{org_slug}", slug)
                for name, value in values.items():
                    address = address.replace("{" + name + "}", str(value))
                yield method.upper(), address


@pytest.mark.parametrize("role", ROLES)
def test_no_page_lets_anyone_into_another_organisation(world, role):
    mine, theirs, ids, people = world
    client = Client()
    client.force_login(people[role])
    before = _theirs_snapshot(theirs)
    names = _names_of(theirs)
    leaks = []
    addresses = list(_page_addresses(mine, theirs, ids))
    assert len(addresses) > 100
    for address in addresses:
        for method in ("get", "post"):
            response = getattr(client, method)(address)
            if response.status_code not in REFUSED:
                leaks.append(f"{method.upper()} {address}: {response.status_code}")
            elif any(name.encode() in response.content for name in names):
                leaks.append(f"{method.upper()} {address}: names someone of theirs")
    assert leaks == []
    assert _theirs_snapshot(theirs) == before


@pytest.mark.parametrize("role", ROLES)
def test_no_api_operation_lets_anyone_into_another_organisation(world, role):
    mine, theirs, ids, people = world
    client = Client(HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=people[role]).token}")
    before = _theirs_snapshot(theirs)
    names = _names_of(theirs)
    leaks = []
    operations = list(_api_addresses(client, mine, theirs, ids))
    assert len(operations) > 50
    for method, address in operations:
        response = client.generic(
            method, address, data="{}", content_type="application/json", HTTP_IDEMPOTENCY_KEY="k"
        )
        if response.status_code not in REFUSED | {422}:
            leaks.append(f"{method} {address}: {response.status_code}")
        elif any(name.encode() in response.content for name in names):
            leaks.append(f"{method} {address}: names someone of theirs")
    assert leaks == []
    assert _theirs_snapshot(theirs) == before
