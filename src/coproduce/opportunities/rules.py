"""Named permission rules for the opportunities board: everyone in the organisation
sees it, co-producers and staff say they are interested, staff publish and select."""

import rules

from coproduce.core.rules import is_member, is_staff_role, is_viewer

rules.add_perm("opportunities.view_opportunity", is_staff_role | is_member | is_viewer)
rules.add_perm("opportunities.express_interest", is_staff_role | is_member)
rules.add_perm("opportunities.manage", is_staff_role)
