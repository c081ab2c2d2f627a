import pytest

pytestmark = pytest.mark.django_db

PERMS = (
    "assessments.list_assessments",
    "assessments.add_assessment",
    "assessments.manage_assessment",
    "assessments.view_results",
    "assessments.export_answers",
    "assessments.set_levels",
)
MATRIX = {
    "admin": (True, True, True, True, True, True),
    "coordinator": (True, True, True, True, True, True),
    "member": (False, False, False, False, False, False),
    "commissioner": (True, False, False, True, False, False),
    # A reviewer who has not been asked to review this assessment.
    "reviewer": (False, False, False, False, False, False),
    "outsider": (False, False, False, False, False, False),
}


@pytest.mark.parametrize("role", MATRIX)
def test_assessment_rules_for_every_role(cast, assessment, role):
    user = cast.users()[role]
    org_level = {
        "assessments.list_assessments",
        "assessments.add_assessment",
        "assessments.set_levels",
    }
    got = tuple(user.has_perm(p, cast.org if p in org_level else assessment) for p in PERMS)
    assert got == MATRIX[role]
