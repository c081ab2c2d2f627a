"""Named permission rules for sessions. Registers hold personal data: staff only."""

import rules

from coproduce.core.rules import is_member, is_staff_role, is_viewer

rules.add_perm("sessions.list_sessions", is_staff_role | is_member | is_viewer)
rules.add_perm("sessions.add_session", is_staff_role)
rules.add_perm("sessions.take_register", is_staff_role)
