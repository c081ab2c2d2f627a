"""Schemathesis over the whole OpenAPI schema, against the real HTTP server.

Every operation gets positive and negative generated cases with an admin's
token. Where the path was generated valid, it is pointed at the real
organisation and one of its people, so requests reach the services instead of
stopping at 404. All of schemathesis's default checks run: no 5xx, responses
that match the schema, schema-violating requests refused, auth enforced.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.core.parameters import ParameterLocation
from schemathesis.generation.modes import GenerationMode

from coproduce.core.models import OrganisationKind, Role
from coproduce.core.services import api_token_create
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory

EXAMPLES_PER_OPERATION = 80
CASES_SENT: list[str] = []


@pytest.fixture
def api_schema(live_server, transactional_db):
    org = OrganisationFactory(slug="acme", kind=OrganisationKind.NETWORK)
    admin = MembershipFactory(organisation=org, role=Role.ADMIN).user
    people = [PersonFactory(organisation=org, preferred_name=f"Partner {n}") for n in range(5)]
    token = api_token_create(user=admin).token
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")
    schema.config.update(base_url=live_server.url, headers={"Authorization": f"Bearer {token}"})
    schema.person_ids = [person.pk for person in people]  # type: ignore[attr-defined]
    return schema


schema = schemathesis.pytest.from_fixture("api_schema")


def _aim_at_real_records(case, person_ids):
    path = case.meta.components.get(ParameterLocation.PATH) if case.meta else None
    if path is None or path.mode != GenerationMode.POSITIVE:
        return
    if "org_slug" in case.path_parameters:
        case.path_parameters["org_slug"] = "acme"
    if "person_id" in case.path_parameters:
        generated = int(case.path_parameters["person_id"])
        case.path_parameters["person_id"] = person_ids[generated % len(person_ids)]


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_every_generated_request_within_its_schema(case, api_schema):
    _aim_at_real_records(case, api_schema.person_ids)
    CASES_SENT.append(case.operation.label)
    case.call_and_validate()


def test_schemathesis_sent_a_few_hundred_cases():
    """Runs after the generated tests in this module: the run above was not a token one."""
    assert len(CASES_SENT) >= 300, len(CASES_SENT)
    print(f"schemathesis sent {len(CASES_SENT)} cases over {len(set(CASES_SENT))} operations")
