"""Paying people: payment runs for finance, and marking them paid."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.core.errors import conflict
from coproduce.core.models import AuditAction, Organisation, User
from coproduce.core.services import audit_record
from coproduce.ledger.models import (
    AccountKind,
    TransactionKind,
    Unit,
)
from coproduce.ledger.services import (
    organisation_account,
    person_account,
)
from coproduce.people.models import RecognitionPreference
from coproduce.recognition import queries
from coproduce.recognition.models import (
    Method,
    PaymentLine,
    PaymentRun,
)
from coproduce.recognition.services.policy import policy_for, post


@transaction.atomic
def payment_run_create(*, organisation: Organisation, by: User) -> PaymentRun:
    """Put everyone who is owed money into one run for finance, a reference per line."""
    if PaymentRun.objects.filter(organisation=organisation, paid_at__isnull=True).exists():
        raise conflict(
            "run", _("A payment run is already waiting for finance. Mark it paid first.")
        )
    owed = queries.money_owed(organisation)
    if not owed:
        raise conflict("run", _("Nobody is owed money right now."))
    prefix = policy_for(organisation).payment_reference_prefix or "COPRO"
    try:
        with transaction.atomic():
            run = PaymentRun.objects.create(organisation=organisation, created_by=by)
    except IntegrityError:
        raise conflict(
            "run", _("A payment run is already waiting for finance. Mark it paid first.")
        ) from None
    PaymentLine.objects.bulk_create(
        PaymentLine(
            organisation=organisation,
            run=run,
            person=person,
            amount_pence=amount,
            method=Method.VOUCHERS
            if person.recognition_preference == RecognitionPreference.VOUCHERS
            else Method.PAYMENT,
            reference=f"{prefix}-{run.pk:05d}-{number:04d}",
        )
        for number, (person, amount) in enumerate(owed, start=1)
    )
    audit_record(
        organisation=organisation,
        actor=by,
        action=AuditAction.RECOGNITION_PAYMENT_RUN,
        target=run,
        changes={"lines": len(owed)},
    )
    return run


@transaction.atomic
def payment_run_mark_paid(*, run: PaymentRun, by: User) -> PaymentRun:
    """Record that finance has paid every line: each person's balance goes down by
    what they were paid. Safe to repeat."""
    run = PaymentRun.objects.select_for_update().get(pk=run.pk)
    if run.paid_at is not None:
        return run
    organisation = run.organisation
    paid_out = organisation_account(organisation, AccountKind.PAID_OUT, Unit.PENCE)
    lines = list(run.lines.select_related("person"))
    for line in lines:
        line.transaction = post(
            organisation=organisation,
            by=by,
            key=f"payment-line-{line.pk}",
            kind=TransactionKind.PAYMENT,
            legs=[
                (person_account(line.person, Unit.PENCE), -line.amount_pence),
                (paid_out, line.amount_pence),
            ],
            memo=line.reference,
            person=line.person,
        )
    PaymentLine.objects.bulk_update(lines, ["transaction"])
    run.paid_at, run.paid_by = timezone.now(), by
    run.save(update_fields=["paid_at", "paid_by"])
    audit_record(
        organisation=organisation, actor=by, action=AuditAction.RECOGNITION_PAID, target=run
    )
    return run
