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

import hashlib

import pytest
from django.db import connection
from django.test import Client

from coproduce.assessments.models import Assessment
from coproduce.core.models import Organisation, Role
from coproduce.core.services import api_token_create
from coproduce.demo.generate import generate
from coproduce.evidence.models import Indicator, Survey
from coproduce.influence.models import InfluenceItem
from coproduce.initiatives.models import Initiative
from coproduce.operations.backup import inventory
from coproduce.people.models import Person
from coproduce.sessions.models import Session
from tests.factories import MembershipFactory, UserFactory
from tests.routes import API_IDS, complete, fill, org_routes, page_values

pytestmark = pytest.mark.django_db

REFUSED = {403, 404, 405}
ROLES = [Role.ADMIN, Role.COORDINATOR, Role.MEMBER, Role.VIEWER, Role.REVIEWER]


@pytest.fixture
def world():
    generate("small", 1, lambda *args: None)
    mine = Organisation.objects.get(slug="gen-2")
    theirs = Organisation.objects.get(slug="gen-3")
    ids = complete(theirs)
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
    for route, params in org_routes():
        values = page_values(params, ids)
        yield fill(route, {**values, "org_slug": theirs.slug})
        if len(params) > 1:
            yield fill(route, {**values, "org_slug": mine.slug})


def _api_addresses(client, mine, theirs, ids):
    schema = client.get("/api/v1/openapi.json").json()
    for path, operations in schema["paths"].items():
        if "{org_slug}" not in path:
            continue
        values = {}
        for name in [piece.split("}")[0] for piece in path.split("{")[1:]]:
            if name == "org_slug":
                continue
            assert name in API_IDS, f"map {name} for {path} in tests/routes.py API_IDS"
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
