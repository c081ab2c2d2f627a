"""Named permission rules for recognition. Balances and claims are personal: staff
keep them; a co-producer who signs in sees their own; viewers see neither."""

import rules

from coproduce.core.rules import is_member, is_staff_role

# The ledger, approvals, payment runs, policy, partners and claims.
rules.add_perm("recognition.view_ledger", is_staff_role)
rules.add_perm("recognition.manage", is_staff_role)
# Their own statement, claims, spending and gifts.
rules.add_perm("recognition.own_statement", is_member | is_staff_role)
# The time bank.
rules.add_perm("recognition.use_timebank", is_staff_role | is_member)
