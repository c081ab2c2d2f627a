"""Named permission rules for organisations and memberships.

Predicates take the user and either an organisation or any record with an
`organisation` attribute, so every app can build its rules from these.
"""

from typing import Any

import rules
from django.contrib.auth.models import AnonymousUser

from coproduce.core.models import Organisation, Role, User
from coproduce.core.tenancy import role_in


def organisation_of(obj: Any) -> Organisation | None:
    """The organisation an object belongs to (or the object itself)."""
    if isinstance(obj, Organisation):
        return obj
    return getattr(obj, "organisation", None)


def _has_role(*wanted: str) -> Any:
    @rules.predicate(name=f"has_role_{'_or_'.join(wanted)}")
    def predicate(user: User | AnonymousUser, obj: Any) -> bool:
        organisation = organisation_of(obj)
        return organisation is not None and role_in(user, organisation) in wanted

    return predicate


is_admin = _has_role(Role.ADMIN)
is_coordinator = _has_role(Role.COORDINATOR)
is_member = _has_role(Role.MEMBER)
is_viewer = _has_role(Role.VIEWER)
is_reviewer = _has_role(Role.REVIEWER)
has_any_role = _has_role(*Role.values)
# Admins and coordinators keep people's records; they are the "staff" roles.
is_staff_role = is_admin | is_coordinator

rules.add_perm("core.view_organisation", has_any_role)
rules.add_perm("core.view_organisation_summary", is_staff_role | is_viewer)
rules.add_perm("core.manage_memberships", is_admin)
rules.add_perm("core.view_audit", is_admin)
