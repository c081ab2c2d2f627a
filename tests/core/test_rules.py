import pytest

pytestmark = pytest.mark.django_db

# role -> (view_organisation, view_organisation_summary, manage_memberships)
MATRIX = {
    "admin": (True, True, True),
    "coordinator": (True, True, False),
    "member": (True, False, False),
    "commissioner": (True, True, False),
    "reviewer": (True, False, False),
    "outsider": (False, False, False),
}
PERMS = ("core.view_organisation", "core.view_organisation_summary", "core.manage_memberships")


@pytest.mark.parametrize("role", MATRIX)
def test_core_rules_for_every_role(cast, role):
    user = cast.users()[role]
    assert tuple(user.has_perm(perm, cast.org) for perm in PERMS) == MATRIX[role]
