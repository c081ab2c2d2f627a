"""Named permission rules for the library. Reading is public. Anyone signed in can
share a story. A story is moderated by the admins of the networks its organisation
belongs to (and site staff, the platform's editors); a story shared by the public,
with no organisation, by any network's admins. Network admins keep the shared glossary
and toolkit."""

import rules
from django.contrib.auth.models import AnonymousUser

from coproduce.core.models import OrganisationKind, Role, User
from coproduce.core.tenancy import organisations_held, roles_for


@rules.predicate
def is_network_admin(user: User | AnonymousUser) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if getattr(user, "is_staff", False):
        return True
    roles = roles_for(user)
    return any(
        organisation.kind == OrganisationKind.NETWORK and roles[organisation.pk] == Role.ADMIN
        for organisation in organisations_held(user)
    )


@rules.predicate
def is_author(user: object, story: object) -> bool:
    return story is not None and getattr(story, "created_by_id", None) == getattr(user, "pk", 0)


@rules.predicate
def moderates_story(user: User | AnonymousUser, story: object) -> bool:
    from coproduce.library.models import CaseStudy
    from coproduce.library.queries import moderated_by

    if not isinstance(user, User) or not isinstance(story, CaseStudy):
        return False
    return moderated_by(user).filter(pk=story.pk).exists()


# The shared glossary and toolkit, and seeing the queue at all.
rules.add_perm("library.moderate", is_network_admin)
# One story: publish, send back, edit, see its unpublished files.
rules.add_perm("library.moderate_story", moderates_story)
rules.add_perm("library.edit_story", is_author | moderates_story)
