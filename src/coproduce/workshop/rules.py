"""Who runs the perspective cards: the staff who run sessions."""

import rules

from coproduce.core.rules import is_staff_role

rules.add_perm("workshop.play", is_staff_role)
