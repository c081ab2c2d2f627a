"""Schemathesis over the whole OpenAPI schema, against the real HTTP server.

Every operation gets positive and negative generated cases with an admin's
token. Where the path was generated valid, it is pointed at the real
organisation and one of its people, so requests reach the services instead of
stopping at 404. All of schemathesis's default checks run: no 5xx, responses
that match the schema, schema-violating requests refused, auth enforced.
"""

import datetime
import os
from collections import Counter

import pytest
import schemathesis
from django.utils import timezone
from hypothesis import HealthCheck, settings
from schemathesis.core.parameters import ParameterLocation
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import ignored_auth, positive_data_acceptance

from coproduce.assessments.services import assessment_create, respondent_invite
from coproduce.core.models import OrganisationKind, Role
from coproduce.core.services import api_token_create
from coproduce.evidence import services as evidence
from coproduce.frameworks.models import StatementSet
from coproduce.frameworks.services import frameworks_sync
from coproduce.influence.services import item_create
from coproduce.initiatives.services import initiative_create
from coproduce.ledger import services as ledger_services
from coproduce.ledger.models import AccountKind, Unit
from coproduce.opportunities import services as opportunity_services
from coproduce.recognition import services
from coproduce.sessions.services import session_create
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory

# One worker runs this whole module in order: the last test counts what the others sent.
pytestmark = pytest.mark.xdist_group("schemathesis")

# 80 in `make test`; `make fuzz` sets 1,000.
EXAMPLES_PER_OPERATION = int(os.environ.get("COPRODUCE_SCHEMATHESIS_EXAMPLES", "80"))
# Operations with a rule that compares two fields of the body, which OpenAPI cannot
# express: a schema-valid body can still break it, and is rightly answered 422.
# Every other check still runs for them.
CROSS_FIELD_RULES = {
    # ends_on must not be before starts_on; stages must name a framework it may use
    "POST /api/v1/orgs/{org_slug}/initiatives",
    # raised_by_people or raised_by_group must be given; raised_on not in the future
    "POST /api/v1/orgs/{org_slug}/influence",
    # status not_changed needs reason_not_changed
    "POST /api/v1/orgs/{org_slug}/influence/{item_id}/status",
    # starts_at must fall between 1900 and 2200, which a date-time format cannot say
    "POST /api/v1/orgs/{org_slug}/sessions",
    "PUT /api/v1/orgs/{org_slug}/sessions/{session_id}",
    # kind decides which kinds of account may be on each side, and they must share a unit
    "POST /api/v1/orgs/{org_slug}/ledger/transactions",
    # a transaction is reversed once; a second reversal with a new key is rightly 409
    "POST /api/v1/orgs/{org_slug}/ledger/transactions/{transaction_id}/reverse",
    # closes_on must fall between 2000 and 2200
    "POST /api/v1/orgs/{org_slug}/opportunities",
    # a category may appear once in a period's figures
    "PUT /api/v1/orgs/{org_slug}/evidence/indicators/{indicator_id}/figures",
    # ends_on must not be before starts_on
    "POST /api/v1/orgs/{org_slug}/evidence/periods",
    # an amount, or hours with an hourly rate: one or the other
    "POST /api/v1/orgs/{org_slug}/evidence/value/{initiative_id}/costs",
}
# Operations with a header parameter (Idempotency-Key): schemathesis 4.32 then counts
# the configured Authorization header as "generated", so every success would fail its
# ignored-auth check although the token is the real one. tests/recognition/test_api.py
# proves these operations refuse a missing or wrong token.
HEADER_PARAMETER_OPERATIONS = {
    "POST /api/v1/orgs/{org_slug}/ledger/transactions",
    "POST /api/v1/orgs/{org_slug}/ledger/transactions/{transaction_id}/reverse",
}
CASES_SENT: list[str] = []


@pytest.fixture
def api_schema(live_server, transactional_db):
    frameworks_sync()  # a flushed transactional database has lost the migration's library
    org = OrganisationFactory(slug="acme", kind=OrganisationKind.NETWORK)
    admin = MembershipFactory(organisation=org, role=Role.ADMIN).user
    people = [PersonFactory(organisation=org, preferred_name=f"Partner {n}") for n in range(5)]
    statement_set = StatementSet.objects.get(key="six-elements-check", framework__is_current=True)
    assessment = assessment_create(
        organisation=org, by=admin, title="Fuzzed", subject="", statement_set=statement_set
    )
    respondents = [
        respondent_invite(assessment=assessment, by=admin, group=group).respondent
        for group in ("staff", "co_producer", "peer_reviewer")
    ]
    initiative = initiative_create(
        organisation=org, by=admin, details={"title": "Fuzzed", "service_area": "mental_health"}
    )
    item = item_create(
        organisation=org,
        by=admin,
        people=people[:2],
        details={"title": "Fuzzed", "addressed_to": "The trust"},
    )
    session = session_create(
        organisation=org,
        by=admin,
        invitees=people,
        details={"title": "Fuzzed", "kind": "forum", "starts_at": timezone.now()},
    )
    credits = [ledger_services.person_account(person, Unit.CREDITS) for person in people]
    issued = ledger_services.organisation_account(org, AccountKind.ISSUED, Unit.CREDITS)
    awards = [
        services.post(
            organisation=org,
            by=admin,
            key=f"seed-{account.pk}",
            kind="award",
            legs=[(issued, -50), (account, 50)],
        )
        for account in credits
    ]
    opportunity = opportunity_services.opportunity_create(
        organisation=org,
        by=admin,
        details={
            "title": "Interview panel",
            "kind": "interview_panel",
            "involves": "A morning",
            "recognition": "£45",
            "closes_on": timezone.localdate() + datetime.timedelta(days=30),
        },
    )
    indicator = evidence.indicator_save(
        organisation=org, by=admin, details={"name": "Referrals", "unit": "referrals"}
    )
    periods = [
        evidence.period_create(
            organisation=org,
            by=admin,
            label=label,
            starts_on=datetime.date(year, 1, 1),
            ends_on=datetime.date(year, 12, 31),
        )
        for label, year in (("2025", 2025), ("2026", 2026))
    ]
    for period, (gp, self_referred) in zip(periods, [("40", "10"), ("30", "25")], strict=True):
        evidence.observations_replace(
            indicator=indicator,
            period=period,
            by=admin,
            dimension="source",
            entries=[evidence.Entry("GP", gp), evidence.Entry("Self", self_referred)],
        )
    survey = evidence.survey_create(
        organisation=org,
        by=admin,
        title="Fuzzed",
        questions=[{"kind": "agree", "text": "I was listened to."}],
    )
    document = evidence.document_add(
        organisation=org, by=admin, title="Notes", kind="notes", text="One.\n\nTwo.\n\nThree."
    )
    code = evidence.code_create(organisation=org, by=admin, name="Trust")
    excerpts = list(document.excerpts.all())
    evidence.excerpt_code(excerpt=excerpts[0], coder=admin, codes=[code])
    token = api_token_create(user=admin).token
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")
    schema.config.update(base_url=live_server.url, headers={"Authorization": f"Bearer {token}"})
    schema.real_ids = {  # type: ignore[attr-defined]
        "person_id": [person.pk for person in people],
        "assessment_id": [assessment.pk],
        "respondent_id": [respondent.pk for respondent in respondents],
        "initiative_id": [initiative.pk],
        "item_id": [item.pk],
        "session_id": [session.pk],
        "account_id": [account.pk for account in [issued, *credits]],
        "transaction_id": [award.pk for award in awards],
        "opportunity_id": [opportunity.pk],
        "indicator_id": [indicator.pk],
        "survey_id": [survey.pk],
        "excerpt_id": [e.pk for e in excerpts],
    }
    return schema


schema = schemathesis.pytest.from_fixture("api_schema")


def _aim_at_real_records(case, real_ids):
    path = case.meta.components.get(ParameterLocation.PATH) if case.meta else None
    if path is None or path.mode != GenerationMode.POSITIVE:
        return
    if "org_slug" in case.path_parameters:
        case.path_parameters["org_slug"] = "acme"
    for name, ids in real_ids.items():
        if name in case.path_parameters:
            generated = int(case.path_parameters[name])
            case.path_parameters[name] = ids[generated % len(ids)]


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_every_generated_request_within_its_schema(case, api_schema):
    _aim_at_real_records(case, api_schema.real_ids)
    CASES_SENT.append(case.operation.label)
    excluded = [positive_data_acceptance] if case.operation.label in CROSS_FIELD_RULES else []
    if case.operation.label in HEADER_PARAMETER_OPERATIONS:
        excluded.append(ignored_auth)
    case.call_and_validate(excluded_checks=excluded)


def test_schemathesis_sent_a_few_hundred_cases():
    """Runs after the generated tests in this module: the run above was not a token one."""
    assert len(CASES_SENT) >= 300, len(CASES_SENT)
    per_operation = Counter(CASES_SENT)
    fewest = min(per_operation.items(), key=lambda item: item[1])
    print(
        f"schemathesis sent {len(CASES_SENT)} cases over {len(per_operation)} operations; "
        f"fewest {fewest[1]} ({fewest[0]}), most {max(per_operation.values())}"
    )
