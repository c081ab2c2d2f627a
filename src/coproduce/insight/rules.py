"""Named permission rules for insight: who takes part, in counts that name nobody."""

from typing import Any

import rules

from coproduce.core.models import Organisation, User
from coproduce.core.rules import is_admin, is_staff_role, is_viewer


@rules.predicate
def is_network(_user: User, organisation: Organisation | None) -> bool:
    return isinstance(organisation, Organisation) and organisation.is_network


@rules.predicate
def belongs_to_a_network(_user: User, organisation: Any) -> bool:
    return isinstance(organisation, Organisation) and organisation.networks.exists()


# Objects: the Organisation.
rules.add_perm("insight.view_participation", is_staff_role | is_viewer)
rules.add_perm("insight.set_reference", is_staff_role)
rules.add_perm("insight.view_network", (is_staff_role | is_viewer) & is_network)
# The member's admins decide whether a network may show its figures by name.
rules.add_perm("insight.set_sharing", is_admin & belongs_to_a_network)
rules.add_perm("insight.view_benchmarks", is_staff_role | is_viewer)
rules.add_perm("insight.set_benchmarking", is_admin)
