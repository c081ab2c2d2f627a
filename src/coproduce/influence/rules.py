"""Named permission rules for "you said, we did"."""

import rules

from coproduce.core.rules import is_member, is_staff_role, is_viewer

# Objects: the Organisation.
rules.add_perm("influence.list_items", is_staff_role | is_member | is_viewer)
rules.add_perm("influence.add_item", is_staff_role)
rules.add_perm("influence.change_item", is_staff_role)
