import pytest

from coproduce.assessments.services import assessment_create, respondent_invite
from coproduce.frameworks.models import Statement, StatementSet


@pytest.fixture
def six(db):
    return StatementSet.objects.get(key="six-elements-check", framework__is_current=True)


@pytest.fixture
def assessment(cast, six):
    return assessment_create(
        organisation=cast.org, by=cast.coordinator, title="Round one", subject="", statement_set=six
    )


@pytest.fixture
def statements(six):
    return list(Statement.objects.filter(statement_set=six).select_related("item"))


@pytest.fixture
def invite(assessment, cast):
    def make(group="staff", **kwargs):
        return respondent_invite(assessment=assessment, by=cast.coordinator, group=group, **kwargs)

    return make
