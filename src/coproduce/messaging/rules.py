"""Named permission rules for the outbox: the organisation's staff see and follow up
the messages sent to its people. Objects: the Organisation."""

import rules

from coproduce.core.rules import is_staff_role

rules.add_perm("messaging.list_messages", is_staff_role)
rules.add_perm("messaging.follow_up", is_staff_role)
