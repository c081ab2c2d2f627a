"""Named permission rules for the library. Reading is public. Anyone signed in can
share a story; admins of a network (and site staff) moderate."""

import rules
from django.contrib.auth.models import AnonymousUser

from coproduce.core.models import OrganisationKind, Role, User
from coproduce.core.tenancy import roles_for


@rules.predicate
def is_network_admin(user: User | AnonymousUser) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if getattr(user, "is_staff", False):
        return True
    from coproduce.core.models import Organisation

    admin_of = [pk for pk, role in roles_for(user).items() if role == Role.ADMIN]
    return Organisation.objects.filter(pk__in=admin_of, kind=OrganisationKind.NETWORK).exists()


@rules.predicate
def is_author(user: object, story: object) -> bool:
    return story is not None and getattr(story, "created_by_id", None) == getattr(user, "pk", 0)


rules.add_perm("library.moderate", is_network_admin)
rules.add_perm("library.edit_story", is_network_admin | is_author)
