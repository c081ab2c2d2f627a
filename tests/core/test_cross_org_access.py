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


def _body(response) -> bytes:
    """The whole answer, a streamed download included."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def _theirs_snapshot(theirs):
    """Row counts and ledger balances everywhere, and every row of theirs that a page
    could change, as one digest. (Sign-in sessions are left out: a visitor's first POST
    may start one, which is nobody's record.)"""
    from coproduce.conversations.models import Post, Thread
    from coproduce.core.models import ApiToken
    from coproduce.frameworks.models import Framework
    from coproduce.library.models import CaseStudy
    from coproduce.peers.models import HelpRequest

    with connection.cursor() as cursor:
        counts = inventory(cursor, connection.ops.quote_name)
    counts["counts"].pop("django_session", None)
    rows = [
        list(model.objects.filter(organisation=theirs).order_by("pk").values_list())
        for model in (
            Person,
            Initiative,
            Session,
            InfluenceItem,
            Assessment,
            Indicator,
            Survey,
            CaseStudy,
            Framework,
            Thread,
            Post,
            HelpRequest,
        )
    ]
    rows.append(list(ApiToken.objects.filter(user__memberships__organisation=theirs).values_list()))
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
            elif any(name.encode() in _body(response) for name in names):
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
        elif any(name.encode() in _body(response) for name in names):
            leaks.append(f"{method} {address}: names someone of theirs")
    assert leaks == []
    assert _theirs_snapshot(theirs) == before


# --- Every other route and API operation ---------------------------------------------------

THEIR_DRAFT = "Their unpublished story about a hospital discharge"
THEIR_FRAMEWORK = "Their private principles for listening"


@pytest.fixture
def theirs_elsewhere(world):
    """Things of theirs that pages outside /orgs/ address: a draft story with an image, a
    framework of their own, an admin's API token."""
    from django.core.files.base import ContentFile

    from coproduce.core.models import Membership
    from coproduce.frameworks.models import Framework
    from coproduce.frameworks.services import framework_create
    from coproduce.library.models import (
        Attachment,
        CaseStatus,
        CaseStudy,
        GlossaryTerm,
        ToolkitPage,
    )

    _mine, theirs, _ids, _people = world
    admin = Membership.objects.filter(organisation=theirs, role=Role.ADMIN).first().user
    draft = CaseStudy.objects.create(
        organisation=theirs,
        slug="their-draft",
        title=THEIR_DRAFT,
        summary=THEIR_DRAFT,
        problem="p",
        who_and_how="w",
        what_changed="c",
        status=CaseStatus.SUBMITTED,
        created_by=admin,
    )
    attachment = Attachment(case_study=draft, kind="image", content_type="image/png", title="x")
    attachment.file.save("their.png", ContentFile(b"\x89PNG\r\n\x1a\nimage"), save=True)
    framework_create(
        organisation=theirs,
        by=admin,
        title=THEIR_FRAMEWORK,
        kind="principles",
        description="",
        items_text="Listen",
    )
    return {
        "draft-slug": draft.slug,
        "draft": draft.pk,
        "attachment": attachment.pk,
        "token": api_token_create(user=admin).api_token.pk,
        "their-slug": theirs.slug,
        Framework: Framework.objects.get(title=THEIR_FRAMEWORK).key,
        "glossary": GlossaryTerm.objects.create(term="Zz", slug="zz", definition="d").slug,
        "toolkit": ToolkitPage.objects.create(
            section=ToolkitPage._meta.get_field("section").choices[0][0],
            slug="zz",
            title="t",
            body="b",
        ).slug,
    }


def _secrets_of(theirs):
    """Their people's names, their draft and their own framework. (Not their name: their
    public "you said, we did" board names them on purpose.)"""
    people = [p.full_name for p in Person.objects.filter(organisation=theirs)[:20]]
    return [*people, THEIR_DRAFT, THEIR_FRAMEWORK]


OTHER_ROLES = [*ROLES, "network admin", "anonymous"]
# Their things that nobody here may open: an address pointing at one must not answer 2xx.
PRIVATE = {"draft-slug", "draft", "attachment", "token"}


def _user_as(role, people, mine):
    """The signed-in person for a role in mine, or None for a visitor."""
    if role == "anonymous":
        return None
    if role == "network admin":
        from coproduce.core.models import OrganisationKind
        from tests.factories import OrganisationFactory

        network = OrganisationFactory(kind=OrganisationKind.NETWORK, slug="elsewhere-network")
        network.members.add(mine)
        user = UserFactory()
        MembershipFactory(user=user, organisation=network, role=Role.ADMIN)
        return user
    return people[role]


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_no_other_page_lets_anyone_into_another_organisation(world, theirs_elsewhere, role):
    """Every route outside /orgs/ and /api/ (library, frameworks, answer and invitation
    links, account pages, the admin), GET and POST, pointed at their things."""
    from tests.routes import other_address, other_routes

    mine, theirs, _ids, people = world
    user = _user_as(role, people, mine)
    client = Client(raise_request_exception=False)
    before = _theirs_snapshot(theirs)
    secrets = _secrets_of(theirs)
    leaks = []
    routes = list(other_routes())
    assert len(routes) > 100
    for route in routes:
        address, used = other_address(route, theirs_elsewhere)
        private = used & PRIVATE
        for method in ("get", "post"):
            if user is not None:
                client.force_login(user)  # again: the walk passes through "sign out"
            response = getattr(client, method)(address)
            body = _body(response)
            if response.status_code >= 500 or private and response.status_code < 300:
                leaks.append(f"{method.upper()} {address}: {response.status_code}")
            elif any(s.encode() in body for s in secrets):
                leaks.append(f"{method.upper()} {address}: shows something of theirs")
    assert leaks == []
    assert _theirs_snapshot(theirs) == before


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_no_other_api_operation_lets_anyone_into_another_organisation(
    world, theirs_elsewhere, role
):
    """Every API operation outside /orgs/ (organisations, frameworks, the library)."""
    from coproduce.frameworks.models import Framework

    mine, theirs, _ids, people = world
    user = _user_as(role, people, mine)
    client = Client()
    if user is not None:
        client = Client(HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=user).token}")
    values = {"key": theirs_elsewhere[Framework], "slug": theirs_elsewhere["draft-slug"]}
    secrets = _secrets_of(theirs)
    before = _theirs_snapshot(theirs)
    schema = client.get("/api/v1/openapi.json").json()
    leaks, asked = [], 0
    for path, operations in schema["paths"].items():
        if "{org_slug}" in path:
            continue
        address = path
        for name, value in values.items():
            address = address.replace("{" + name + "}", str(value))
        assert "{" not in address, f"give a value for {path} in this test"
        for method in operations:
            asked += 1
            response = client.generic(
                method.upper(), address, data="{}", content_type="application/json"
            )
            if response.status_code >= 500:
                leaks.append(f"{method.upper()} {address}: {response.status_code}")
            elif any(s.encode() in _body(response) for s in secrets):
                leaks.append(f"{method.upper()} {address}: shows something of theirs")
    assert asked >= 5
    assert leaks == []
    assert _theirs_snapshot(theirs) == before


def test_every_route_and_operation_is_walked():
    """The two walks together cover the whole URL configuration and the whole schema."""
    from django.urls import URLPattern, URLResolver, get_resolver

    from tests.routes import org_routes, other_routes

    def every(resolver, prefix=""):
        for pattern in resolver.url_patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from every(pattern, route)
            elif isinstance(pattern, URLPattern):
                yield route

    api = {r for r in every(get_resolver()) if r.startswith(("api/", "^api/"))}
    walked = {r for r, _p in org_routes()} | set(other_routes())
    assert set(every(get_resolver())) - api == walked
