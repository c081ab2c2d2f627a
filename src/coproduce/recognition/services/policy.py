"""Policy, rates, limits and choices, and posting under the policy."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from coproduce.core.errors import conflict
from coproduce.core.models import AuditAction, Organisation, User
from coproduce.core.services import audit_record
from coproduce.ledger import services as ledger
from coproduce.ledger.models import Account, AccountKind, Transaction, TransactionKind, Unit
from coproduce.ledger.services import organisation_account, person_account
from coproduce.people.models import Person
from coproduce.people.services import acting_for, person_update
from coproduce.recognition import queries
from coproduce.recognition.models import (
    Caps,
    ExpenseCategory,
    Rate,
    RecognitionPolicy,
)


def policy_for(organisation: Organisation) -> RecognitionPolicy:
    policy = RecognitionPolicy.objects.filter(organisation=organisation).first()
    if policy is None:
        policy, _created = RecognitionPolicy.objects.get_or_create(organisation=organisation)
    return policy


def post(
    *,
    organisation: Organisation,
    by: User | None,
    key: str,
    kind: str,
    legs: Sequence[tuple[Account, int]],
    memo: str = "",
    person: Person | None = None,
) -> Transaction:
    """Post to the ledger under the organisation's policy on borrowing time credits."""
    return ledger.post(
        organisation=organisation,
        by=by,
        key=key,
        kind=kind,
        legs=legs,
        memo=memo,
        person=person,
        allow_negative_credits=policy_for(organisation).allow_negative_credits,
    )


def transaction_reverse(
    *, original: Transaction, by: User, key: str, reason: str = ""
) -> Transaction:
    """Undo a transaction under the organisation's policy on borrowing time credits."""
    return ledger.transaction_reverse(
        original=original,
        by=by,
        key=key,
        reason=reason,
        allow_negative_credits=policy_for(original.organisation).allow_negative_credits,
    )


POLICY_FIELDS = (
    "starter_credits",
    "allow_negative_credits",
    "timebank_enabled",
    "payment_reference_prefix",
)


@transaction.atomic
def policy_update(
    *, organisation: Organisation, by: User, details: Mapping[str, Any]
) -> RecognitionPolicy:
    policy = policy_for(organisation)
    if policy.allow_negative_credits and details.get("allow_negative_credits") is False:
        # The ledger check judges every balance by today's policy: nobody may be left
        # below zero by turning borrowing off.
        owing = queries.people_below_zero(organisation)
        if owing:
            raise conflict(
                "allow_negative_credits",
                _(
                    "%(names)s owe time credits now. Borrowing can be turned off once "
                    "nobody is below zero."
                )
                % {"names": ", ".join(owing)},
            )
    for name in POLICY_FIELDS:
        if name in details:
            setattr(policy, name, details[name])
    policy.full_clean(exclude=["organisation"])
    policy.save()
    audit_record(
        organisation=organisation, actor=by, action=AuditAction.RECOGNITION_POLICY, target=policy
    )
    return policy


RATE_FIELDS = ("credits_per_hour", "pence_per_hour", "pence_per_session", "voucher_pence_per_hour")


@transaction.atomic
def rate_set(
    *, organisation: Organisation, by: User, session_kind: str, details: Mapping[str, Any]
) -> Rate:
    rate, _created = Rate.objects.get_or_create(
        organisation=organisation, session_kind=session_kind
    )
    for name in RATE_FIELDS:
        if name in details:
            setattr(rate, name, details[name])
    rate.full_clean(exclude=["organisation"])
    rate.save()
    audit_record(
        organisation=organisation, actor=by, action=AuditAction.RECOGNITION_RATE, target=rate
    )
    return rate


def expense_category_create(
    *, organisation: Organisation, by: User, name: str, kind: str, limit_pence: int | None
) -> ExpenseCategory:
    category = ExpenseCategory(
        organisation=organisation, name=name.strip(), kind=kind, limit_pence=limit_pence
    )
    category.full_clean(exclude=["organisation"], validate_unique=False)
    if ExpenseCategory.objects.filter(organisation=organisation, name=category.name).exists():
        raise ValidationError({"name": _("There is already a category with this name.")})
    category.save()
    return category


@transaction.atomic
def caps_set(
    *, person: Person, by: User, weekly_pence: int | None, yearly_pence: int | None
) -> Caps:
    caps, _created = Caps.objects.get_or_create(organisation=person.organisation, person=person)
    caps.weekly_pence, caps.yearly_pence = weekly_pence, yearly_pence
    caps.full_clean(exclude=["organisation", "person"])
    caps.save()
    audit_record(
        organisation=person.organisation,
        actor=by,
        action=AuditAction.RECOGNITION_CAPS,
        target=person,
        on_behalf_of=acting_for(person, by),
    )
    return caps


@transaction.atomic
def choice_set(
    *,
    person: Person,
    by: User,
    preference: str,
    weekly_pence: int | None,
    yearly_pence: int | None,
) -> Person:
    """A person's own choice of recognition and the limits they want kept to, set by
    them or for them."""
    person = person_update(person=person, by=by, changes={"recognition_preference": preference})
    caps_set(person=person, by=by, weekly_pence=weekly_pence, yearly_pence=yearly_pence)
    return person


def starter_credits_give(person: Person, by: User | None) -> None:
    """The organisation's welcome credits, once per person: when they join the time bank
    or are first recognised, whichever comes first. A family can then be helped before
    it has given any time."""
    policy = policy_for(person.organisation)
    organisation = person.organisation
    key = f"starter-person-{person.pk}"
    # Looked up first: if the policy's amount has changed since, the ledger would refuse
    # the same key with a different amount.
    if (
        policy.starter_credits <= 0
        or Transaction.objects.filter(organisation=organisation, idempotency_key=key).exists()
    ):
        return
    post(
        organisation=organisation,
        by=by,
        key=key,
        kind=TransactionKind.STARTER,
        legs=[
            (
                organisation_account(organisation, AccountKind.ISSUED, Unit.CREDITS),
                -policy.starter_credits,
            ),
            (person_account(person, Unit.CREDITS), policy.starter_credits),
        ],
        memo=_("Welcome credits"),
        person=person,
    )
