"""Writes for recognition: policy, rates and caps, awards, expense claims, payment
runs, partners and the time bank, one module each. Every movement of credits or money
goes through `post` (policy.py), which posts to the ledger under the organisation's
policy. Callers use `from coproduce.recognition import services` and the names below."""

from coproduce.recognition.services.awards import (
    Proposal,
    amount_for,
    award_create,
    award_direct,
    awards_approve,
    awards_decline,
    awards_propose,
)
from coproduce.recognition.services.claims import expense_claim_decide, expense_claim_submit
from coproduce.recognition.services.payments import payment_run_create, payment_run_mark_paid
from coproduce.recognition.services.policy import (
    POLICY_FIELDS,
    RATE_FIELDS,
    caps_set,
    choice_set,
    expense_category_create,
    policy_for,
    policy_update,
    post,
    rate_set,
    transaction_reverse,
)
from coproduce.recognition.services.timebank import (
    credits_gift,
    credits_spend,
    listing_create,
    offer_create,
    partner_create,
    timebank_exchange,
    timebank_join,
)

__all__ = [
    "POLICY_FIELDS",
    "Proposal",
    "RATE_FIELDS",
    "amount_for",
    "award_direct",
    "award_create",
    "awards_approve",
    "awards_decline",
    "awards_propose",
    "caps_set",
    "choice_set",
    "credits_gift",
    "credits_spend",
    "expense_category_create",
    "expense_claim_decide",
    "expense_claim_submit",
    "listing_create",
    "offer_create",
    "partner_create",
    "payment_run_create",
    "payment_run_mark_paid",
    "policy_for",
    "policy_update",
    "post",
    "rate_set",
    "timebank_exchange",
    "timebank_join",
    "transaction_reverse",
]
