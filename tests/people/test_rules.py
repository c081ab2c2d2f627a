import pytest

pytestmark = pytest.mark.django_db

PERMS = (
    "people.list_people",
    "people.add_person",
    "people.view_person",
    "people.change_person",
    "people.delete_person",
    "people.manage_consent",
    "people.view_special_category",
    "people.change_special_category",
)
YES_ALL = (True,) * 8
NO_ALL = (False,) * 8
# Checked against a co-producer without a login (the org for list/add).
OTHERS_RECORD = {
    "admin": YES_ALL,
    "coordinator": (True, True, True, True, False, True, True, True),
    "member": NO_ALL,
    "commissioner": NO_ALL,
    "reviewer": NO_ALL,
    "outsider": NO_ALL,
}


def _target(perm, cast, person):
    return cast.org if perm in {"people.list_people", "people.add_person"} else person


@pytest.mark.parametrize("role", OTHERS_RECORD)
def test_people_rules_for_every_role(cast, role):
    user = cast.users()[role]
    got = tuple(user.has_perm(perm, _target(perm, cast, cast.coproducer)) for perm in PERMS)
    assert got == OTHERS_RECORD[role]


def test_a_member_can_see_and_change_their_own_record_but_not_delete_it(cast):
    own = tuple(cast.member.has_perm(perm, cast.member_person) for perm in PERMS[2:])
    assert own == (True, True, False, True, True, True)
