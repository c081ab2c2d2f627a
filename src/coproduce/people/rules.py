"""Named permission rules for people, their consents and special-category data."""

from typing import Any

import rules
from django.contrib.auth.models import AnonymousUser

from coproduce.core.models import User
from coproduce.core.rules import is_admin, is_staff_role


@rules.predicate
def is_self(user: User | AnonymousUser, person: Any) -> bool:
    """True when the person record is the signed-in user's own."""
    user_id = getattr(person, "user_id", None)
    return user_id is not None and user_id == getattr(user, "pk", None)


# Objects: an Organisation for list/add, a Person for the rest.
rules.add_perm("people.list_people", is_staff_role)
rules.add_perm("people.add_person", is_staff_role)
rules.add_perm("people.view_person", is_staff_role | is_self)
rules.add_perm("people.change_person", is_staff_role | is_self)
rules.add_perm("people.delete_person", is_admin)
rules.add_perm("people.manage_consent", is_staff_role | is_self)
rules.add_perm("people.view_special_category", is_staff_role | is_self)
rules.add_perm("people.change_special_category", is_staff_role | is_self)
