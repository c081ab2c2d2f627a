"""Named permission rules for the annual review. A published review is for everyone and
needs no rule."""

import rules

from coproduce.core.rules import is_member, is_staff_role, is_viewer

# Objects: the Organisation.
rules.add_perm("reports.view_review", is_staff_role | is_member | is_viewer)
# Staff and co-producers write the review together.
rules.add_perm("reports.edit_review", is_staff_role | is_member)
rules.add_perm("reports.manage_review", is_staff_role)
