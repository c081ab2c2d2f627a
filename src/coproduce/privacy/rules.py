"""Named permission rules for data protection rights. Objects: the Person."""

import rules

from coproduce.core.rules import is_admin, is_staff_role
from coproduce.people.rules import is_self

# Everything held about someone: for them, and for the staff who answer their request.
rules.add_perm("privacy.export_person", is_staff_role | is_self)
# Erasure cannot be undone, so only an admin carries it out.
rules.add_perm("privacy.erase_person", is_admin)
# Objects: the Organisation. Retention rules and the record of processing activities.
rules.add_perm("privacy.manage", is_admin)
