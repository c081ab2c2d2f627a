"""Who may do what in conversations: everyone with a role but peer reviewers reads
them; co-producers and staff write; the admins name moderators, and only those
named moderate (and see who wrote what someone marked sensitive)."""

import rules
from django.contrib.auth.models import AnonymousUser

from coproduce.core.models import User
from coproduce.core.rules import (
    has_any_role,
    is_admin,
    is_member,
    is_staff_role,
    is_viewer,
    organisation_of,
)


@rules.predicate
def is_named_moderator(user: User | AnonymousUser, obj: object) -> bool:
    from coproduce.conversations.models import Moderator

    organisation = organisation_of(obj)
    return (
        organisation is not None
        and isinstance(user, User)
        and Moderator.objects.filter(organisation=organisation, user=user).exists()
    )


rules.add_perm("conversations.view", is_staff_role | is_member | is_viewer)
rules.add_perm("conversations.take_part", is_staff_role | is_member)
rules.add_perm("conversations.moderate", is_named_moderator & has_any_role)
rules.add_perm("conversations.name_moderators", is_admin)
