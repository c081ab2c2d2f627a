"""Who may do what in the peer network: staff and viewers read it; admins and
coordinators ask, offer, accept and keep the learning log."""

import rules

from coproduce.core.rules import is_staff_role, is_viewer

rules.add_perm("peers.view", is_staff_role | is_viewer)
rules.add_perm("peers.take_part", is_staff_role)
