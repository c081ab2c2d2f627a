"""Every page under /orgs/ and every organisation API operation, with real ids filled in.

Shared by the cross-organisation access test and the form fuzzing test, so both follow
the URL configuration and the OpenAPI schema as they grow.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver

from coproduce.assessments.models import Action, Assessment, Respondent
from coproduce.conversations.models import Post, Thread
from coproduce.core.models import Invitation, JoinRequest, Membership, Organisation, Role, User
from coproduce.evidence.models import Document, Excerpt, Indicator, Survey
from coproduce.evidence.surveys.models import SurveyAnswer, SurveyResponse
from coproduce.frameworks.models import Framework
from coproduce.frameworks.services import framework_create
from coproduce.influence.models import InfluenceItem
from coproduce.initiatives.models import Initiative, Priority, Stakeholder, TeamMember
from coproduce.ledger.models import Account, Partner, Transaction
from coproduce.library.models import CaseStudy
from coproduce.messaging.models import Message
from coproduce.opportunities.models import Opportunity
from coproduce.peers.models import HelpRequest, NetworkEvent, Offer
from coproduce.people.models import Consent, PeopleImport, Person
from coproduce.privacy.models import SubjectAccessExport
from coproduce.recognition.models import ExpenseCategory, ExpenseClaim, PaymentRun
from coproduce.reports.models import AnnualReview
from coproduce.reports.services import review_start
from coproduce.sessions.models import Session
from coproduce.workshop.models import Reflection

# The model behind each id in a page's address, by the word before it (or its name).
PAGE_IDS = {
    ("people", "pk"): Person,
    ("import", "pk"): PeopleImport,
    ("consents", "consent_pk"): Consent,
    ("initiatives", "pk"): Initiative,
    ("team", "member_pk"): TeamMember,
    ("stakeholders", "row_pk"): Stakeholder,
    ("priorities", "row_pk"): Priority,
    ("sessions", "pk"): Session,
    ("assessments", "pk"): Assessment,
    ("respondents", "respondent_pk"): Respondent,
    ("actions", "action_pk"): Action,
    ("messages", "pk"): Message,
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
    ("join-requests", "pk"): JoinRequest,
    ("frameworks", "key"): Framework,
    ("exports", "export_pk"): SubjectAccessExport,
    ("annual-review", "year"): AnnualReview,
    ("requests", "pk"): HelpRequest,
    ("offers", "offer_pk"): Offer,
    ("reviews", "offer_pk"): Offer,
    ("conversations", "pk"): Thread,
    ("posts", "post_pk"): Post,
    ("said", "reflection_pk"): Reflection,
    ("events", "event_pk"): NetworkEvent,
    ("answer", "pk"): SurveyAnswer,
    ("passage", "pk"): Excerpt,
    ("story", "pk"): CaseStudy,
    # Words, not ids.
    ("rates", "kind"): "default",
    ("export.", "fmt"): "csv",
    ("your-data.", "fmt"): "pdf",
    ("<int:year>", "key"): "did",
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


def org_routes():
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


def fill(route, values):
    out = route
    for name, value in values.items():
        out = out.replace(f"<{name}>", str(value))
        for kind in ("int", "slug", "str"):
            out = out.replace(f"<{kind}:{name}>", str(value))
    return "/" + out


def complete(organisation: Organisation) -> dict:
    """Give a generated organisation one of each thing the generator does not make, and
    return an id (or key) of every kind of thing a page or endpoint addresses."""
    staff = Membership.objects.filter(organisation=organisation, role=Role.ADMIN).first().user
    person = Person.objects.filter(organisation=organisation).first()
    assessment = Assessment.objects.filter(organisation=organisation).first()
    Action.objects.create(organisation=organisation, assessment=assessment, title="Do", owner="Jo")
    Message.objects.create(
        organisation=organisation,
        person=person,
        channel="email",
        kind="influence_update",
        to_address="jo@example.test",
        body="What happened",
        status="failed",
    )
    PaymentRun.objects.create(organisation=organisation, created_by=staff)
    category = ExpenseCategory.objects.create(organisation=organisation, name="Bus", kind="travel")
    ExpenseClaim.objects.create(
        organisation=organisation,
        person=person,
        category=category,
        description="Bus fare",
        amount_pence=420,
        incurred_on=datetime.date(2026, 5, 1),
        receipt=SimpleUploadedFile("r.png", b"\x89PNG\r\n\x1a\nreceipt", "image/png"),
    )
    Invitation.objects.create(
        organisation=organisation,
        email="new@example.org",
        role=Role.MEMBER,
        token_hash=f"{organisation.pk:064d}",
        expires_at=datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC),
    )
    framework_create(
        organisation=organisation,
        by=staff,
        title="Our own principles",
        kind="principles",
        description="",
        items_text="Respect\nTrust",
    )
    ids = {}
    review_start(organisation=organisation, year=2025, by=staff)
    asked = HelpRequest.objects.create(
        organisation=organisation, network=organisation, kind="mentoring", title="Help us"
    )
    Offer.objects.create(request=asked, organisation=organisation, helper=staff, message="We can")
    first_session = Session.objects.filter(organisation=organisation).first()
    NetworkEvent.objects.create(organisation=organisation, session=first_session, places=10)
    Reflection.objects.create(
        organisation=organisation,
        session=first_session,
        card="carer-night",
        said="Evenings",
    )
    thread = Thread.objects.create(organisation=organisation, topic="general", title="Ours")
    Post.objects.create(
        thread=thread,
        organisation=organisation,
        from_organisation=organisation,
        author=staff,
        body="Our words",
    )
    SubjectAccessExport.objects.create(organisation=organisation, person=person, requested_by=staff)
    survey = Survey.objects.filter(organisation=organisation).first()
    question = survey.questions.create(position=99, kind="text", text="Anything else?")
    answered = SurveyResponse.objects.create(organisation=organisation, survey=survey)
    SurveyAnswer.objects.create(
        organisation=organisation, response=answered, question=question, text="More buses"
    )
    CaseStudy.objects.create(
        slug=f"story-of-{organisation.slug}",
        organisation=organisation,
        title="Our story",
        summary="What we did",
        problem="A problem",
        who_and_how="Us",
        what_changed="Things",
    )
    PeopleImport.objects.create(
        organisation=organisation,
        created_by=staff,
        filename="people.csv",
        headers=["Name", "Email"],
        rows=[[2, [person.full_name, "someone@example.org"]]],
        columns={"full_name": "Name", "email": "Email"},
        step="checking",
    )
    JoinRequest.objects.create(
        organisation=organisation,
        asked_by=User.objects.create_user(
            email=f"asking-{organisation.slug}@example.org", password=None
        ),
    )
    for model in {m for m in (*PAGE_IDS.values(), *API_IDS.values()) if not isinstance(m, str)}:
        rows = model.objects.filter(organisation=organisation)
        if model is Framework:
            ids[model] = rows.values_list("key", flat=True).first()
        elif model is SurveyAnswer:
            ids[model] = rows.exclude(text="").values_list("pk", flat=True).first()
        elif model is AnnualReview:
            ids[model] = rows.values_list("year", flat=True).first()
        else:
            ids[model] = rows.values_list("pk", flat=True).first()
        assert ids[model] is not None, f"no {model.__name__} in {organisation.slug}"
    return ids


def page_values(params, ids):
    """The values for a route's parameters (other than org_slug)."""
    values = {}
    for before, name in params:
        if name == "org_slug":
            continue
        key = (before, name)
        if key not in PAGE_IDS and (before.split(".")[0] + ".", name) in PAGE_IDS:
            key = (before.split(".")[0] + ".", name)
        assert key in PAGE_IDS, f"map {key} in tests/routes.py PAGE_IDS"
        model = PAGE_IDS[key]
        values[name] = model if isinstance(model, str) else ids[model]
    return values


# --- Every other route: library, frameworks, answer links, account pages, the admin --------

# A value for each parameter of a route outside /orgs/, by the word before it (or its
# name). Their things where the page addresses a record of theirs; made-up secrets where
# the address carries one (a secret nobody gave you must open nothing).
OTHER_IDS = {
    ("frameworks", "key"): Framework,
    ("case-studies", "slug"): "draft-slug",
    ("files", "pk"): "attachment",
    ("your-stories", "pk"): "draft",
    ("moderate", "pk"): "draft",
    ("api-tokens", "pk"): "token",
    ("public", "org_slug"): "their-slug",
    ("glossary", "slug"): "glossary",
    ("toolkit", "slug"): "toolkit",
}
MADE_UP = "made-up-secret-0000"
MADE_UP_NUMBER = "987654321"


def other_routes():
    """Every route outside /orgs/ and /api/, as (route, parameters). Django's regular
    expression routes (allauth's confirmation links, the admin) are given as regexes."""

    def walk(resolver, prefix):
        for pattern in resolver.url_patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern, route)
            elif isinstance(pattern, URLPattern) and not route.startswith(
                ("orgs/<slug:org_slug>/", "api/", "^api/")
            ):
                yield route

    yield from walk(get_resolver(), "")


def other_address(route: str, their: dict) -> tuple[str, set]:
    """A real address for a route outside /orgs/, pointing at their things, and which of
    their things it points at."""
    import re

    if "(?P<" in route or route.startswith("^") or "^" in route:
        # A regular expression: fill each named group with a made-up value.
        filled = re.sub(r"\(\?P<[^>]+>[^)]*\)", MADE_UP_NUMBER, route)
        filled = re.sub(r"<path:[^>]+>", MADE_UP_NUMBER, filled)
        return "/" + filled.replace("^", "").replace("$", "").replace("\\", ""), set()
    out = route
    used = set()
    for piece in route.split("<")[1:]:
        converter, name = (
            piece.split(">")[0].split(":")
            if ":" in piece.split(">")[0]
            else ("str", piece.split(">")[0])
        )
        before = route.split("<" + piece.split(">")[0] + ">")[0].rstrip("/").split("/")[-1]
        wanted = OTHER_IDS.get((before, name))
        if wanted is None:
            value = MADE_UP_NUMBER if converter in ("int", "path") else MADE_UP
        else:
            value = their[wanted]
            used.add(wanted)
        out = out.replace("<" + piece.split(">")[0] + ">", str(value))
    return "/" + out, used
