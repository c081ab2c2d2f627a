"""Named permission rules for evidence: indicators, outcomes, surveys, coding and value."""

import rules

from coproduce.core.rules import is_member, is_staff_role, is_viewer

# Objects: the Organisation.
# Figures and summaries: commissioners see these, never transcripts or names.
rules.add_perm("evidence.view", is_staff_role | is_member | is_viewer)
# Defining indicators, entering figures, running surveys, costs and benefits.
rules.add_perm("evidence.manage", is_staff_role)
# Reading transcripts and coding them: staff and co-producers code side by side.
rules.add_perm("evidence.code", is_staff_role | is_member)
