"""Named permission rules for frameworks."""

import rules

from coproduce.core.rules import has_any_role, is_staff_role

rules.add_perm("frameworks.view_org_frameworks", has_any_role)
rules.add_perm("frameworks.add_framework", is_staff_role)
