"""Named permission rules for initiatives. Peer reviewers see only what they review."""

import rules

from coproduce.core.rules import is_member, is_staff_role, is_viewer

# Objects: an Organisation for the list and for starting one, an Initiative otherwise.
rules.add_perm("initiatives.list_initiatives", is_staff_role | is_member | is_viewer)
rules.add_perm("initiatives.view_initiative", is_staff_role | is_member | is_viewer)
rules.add_perm("initiatives.view_planning", is_staff_role | is_viewer)
rules.add_perm("initiatives.add_initiative", is_staff_role)
rules.add_perm("initiatives.change_initiative", is_staff_role)
