"""Named permission rules for insight: who takes part, in counts that name nobody."""

import rules

from coproduce.core.rules import is_staff_role, is_viewer

# Objects: the Organisation.
rules.add_perm("insight.view_participation", is_staff_role | is_viewer)
rules.add_perm("insight.set_reference", is_staff_role)
