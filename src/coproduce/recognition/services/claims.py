"""Expenses: claims with receipts, and the decision on each."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from coproduce.core.errors import conflict
from coproduce.core.models import AuditAction, User
from coproduce.core.services import audit_record
from coproduce.core.uploads import IMAGES, PDF, sniff, without_metadata
from coproduce.ledger.models import (
    AccountKind,
    TransactionKind,
    Unit,
)
from coproduce.ledger.services import (
    MAX_AMOUNT,
    organisation_account,
    person_account,
)
from coproduce.people.models import Person
from coproduce.people.services import acting_for
from coproduce.recognition import queries
from coproduce.recognition.models import (
    ClaimStatus,
    ExpenseCategory,
    ExpenseClaim,
)
from coproduce.recognition.services.policy import post


def _check_receipt(receipt: UploadedFile) -> str:
    from django.conf import settings

    return sniff(
        receipt,
        field="receipt",
        allowed={**IMAGES, **PDF},
        max_bytes=settings.RECEIPT_MAX_BYTES,
        wanted=_("a photo (JPEG or PNG) or a PDF"),
    )


@transaction.atomic
def expense_claim_submit(
    *,
    person: Person,
    by: User,
    category: ExpenseCategory,
    amount_pence: int,
    description: str,
    incurred_on: datetime.date,
    paid_up_front: bool = False,
    receipt: UploadedFile | None = None,
) -> ExpenseClaim:
    organisation = person.organisation
    if category.organisation_id != organisation.pk:
        raise ValidationError({"category": _("Choose one of this organisation's categories.")})
    if amount_pence < 1 or amount_pence > MAX_AMOUNT:
        raise ValidationError({"amount_pence": _("Enter an amount of at least 1p.")})
    if category.limit_pence is not None and amount_pence > category.limit_pence:
        raise ValidationError(
            {
                "amount_pence": _("The most we can pay for %(category)s is %(limit)s a claim.")
                % {"category": category.name.lower(), "limit": queries.money(category.limit_pence)}
            }
        )
    content_type = _check_receipt(receipt) if receipt is not None else ""
    claim = ExpenseClaim(
        organisation=organisation,
        person=person,
        category=category,
        amount_pence=amount_pence,
        description=description.strip(),
        incurred_on=incurred_on,
        paid_up_front=paid_up_front,
        submitted_by=by,
    )
    claim.full_clean(
        exclude=["organisation", "person", "category", "receipt", "transaction", "submitted_by"]
    )
    if receipt is not None:
        claim.receipt_name = (receipt.name or "receipt")[-200:]
        claim.receipt.save(
            f"claim-{person.pk}",
            without_metadata(receipt, content_type, field="receipt"),
            save=False,
        )
    claim.save()
    audit_record(
        organisation=organisation,
        actor=by,
        action=AuditAction.RECOGNITION_CLAIM,
        target=claim,
        on_behalf_of=acting_for(person, by),
    )
    return claim


@transaction.atomic
def expense_claim_decide(
    *, claim: ExpenseClaim, by: User, approve: bool, reason: str = ""
) -> ExpenseClaim:
    claim = ExpenseClaim.objects.select_for_update().select_related("person").get(pk=claim.pk)
    if claim.status != ClaimStatus.SUBMITTED:
        raise conflict("claim", _("This claim has already been decided."))
    if claim.person.user_id is not None and claim.person.user_id == by.pk:
        # Separation of duties: money never goes to someone on their own say-so.
        raise conflict(
            "claim", _("You cannot decide your own claim. Ask another coordinator or an admin.")
        )
    organisation = claim.organisation
    if not approve:
        if not reason.strip():
            raise ValidationError({"reason": _("Say why, so the person can be told.")})
        claim.status, claim.reason = ClaimStatus.REJECTED, reason.strip()[:300]
        claim.save(update_fields=["status", "reason"])
        return claim
    issued = organisation_account(organisation, AccountKind.ISSUED, Unit.PENCE)
    if claim.paid_up_front:
        # We bought it for them: the money goes straight out, nothing is owed.
        kind = TransactionKind.EXPENSE_UPFRONT
        other = organisation_account(organisation, AccountKind.PAID_OUT, Unit.PENCE)
    else:
        kind = TransactionKind.EXPENSE
        other = person_account(claim.person, Unit.PENCE)
    claim.transaction = post(
        organisation=organisation,
        by=by,
        key=f"expense-{claim.pk}",
        kind=kind,
        legs=[(issued, -claim.amount_pence), (other, claim.amount_pence)],
        memo=claim.description,
        person=claim.person,
    )
    claim.status, claim.reason = ClaimStatus.APPROVED, reason.strip()[:300]
    claim.save(update_fields=["status", "reason", "transaction"])
    audit_record(
        organisation=organisation,
        actor=by,
        action=AuditAction.RECOGNITION_CLAIM_APPROVE,
        target=claim,
    )
    return claim
