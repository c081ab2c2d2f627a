"""From attendance to recognition: proposing, approving and declining awards."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.core.errors import conflict
from coproduce.core.models import AuditAction, Organisation, User
from coproduce.core.services import audit_record
from coproduce.ledger.models import (
    Account,
    AccountKind,
    Transaction,
    TransactionKind,
    Unit,
)
from coproduce.ledger.services import (
    organisation_account,
    person_account,
)
from coproduce.people.models import Person, RecognitionPreference
from coproduce.recognition import queries
from coproduce.recognition.models import (
    Award,
    AwardStatus,
    Method,
    Rate,
)
from coproduce.recognition.services.policy import post, starter_credits_give

METHOD_FOR_PREFERENCE: dict[str, str] = {
    RecognitionPreference.TIME_CREDITS: Method.CREDITS,
    RecognitionPreference.PAYMENT: Method.PAYMENT,
    RecognitionPreference.VOUCHERS: Method.VOUCHERS,
}


def _round(value: Decimal) -> int:
    """Whole credits or pence, halves rounded up (1.5 hours at 1 credit an hour is 2)."""
    return int(value.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def amount_for(method: str, hours: Decimal, rate: Rate) -> int:
    if method == Method.CREDITS:
        return _round(hours * rate.credits_per_hour)
    if method == Method.PAYMENT:
        return _round(hours * rate.pence_per_hour) + rate.pence_per_session
    return _round(hours * rate.voucher_pence_per_hour)


@dataclass
class Proposal:
    created: int = 0
    chose_none: list[Person] = field(default_factory=list)
    not_asked: list[Person] = field(default_factory=list)
    no_rate: int = 0


@transaction.atomic
def awards_propose(
    *, organisation: Organisation, by: User, start: datetime.date, end: datetime.date
) -> Proposal:
    """Propose recognition for every attendance in the period that has none yet,
    following each person's own choice. Safe to run again: nothing is proposed twice."""
    if end < start:
        raise ValidationError({"end": _("The end must be on or after the start.")})
    rates = queries.rates_for(organisation)
    result = Proposal()
    seen_none: set[int] = set()
    seen_not_asked: set[int] = set()
    awards = []
    for attendance in queries.attendance_without_award(organisation, start, end):
        person = attendance.person
        method = METHOD_FOR_PREFERENCE.get(person.recognition_preference)
        if method is None:
            if person.recognition_preference == RecognitionPreference.NONE:
                if person.pk not in seen_none:
                    seen_none.add(person.pk)
                    result.chose_none.append(person)
            elif person.pk not in seen_not_asked:
                seen_not_asked.add(person.pk)
                result.not_asked.append(person)
            continue
        session = attendance.session
        rate = rates.get(session.kind) or rates[""]
        amount = amount_for(method, attendance.hours, rate)
        if amount <= 0:
            result.no_rate += 1
            continue
        awards.append(
            Award(
                organisation=organisation,
                person=person,
                attendance=attendance,
                description=session.title[:300],
                happened_on=timezone.localtime(session.starts_at).date(),
                hours=attendance.hours,
                method=method,
                amount=amount,
            )
        )
    Award.objects.bulk_create(awards)
    result.created = len(awards)
    audit_record(
        organisation=organisation,
        actor=by,
        action=AuditAction.RECOGNITION_PROPOSE,
        target=organisation,
        changes={"start": start.isoformat(), "end": end.isoformat(), "created": len(awards)},
    )
    return result


def award_create(
    *,
    organisation: Organisation,
    by: User,
    person: Person,
    description: str,
    happened_on: datetime.date,
    hours: Decimal,
    method: str,
    amount: int,
) -> Award:
    """Propose recognition for something that was not a session (reading papers, say)."""
    if person.organisation_id != organisation.pk:
        raise ValidationError({"person": _("Choose someone in this organisation.")})
    award = Award(
        organisation=organisation,
        person=person,
        description=description.strip(),
        happened_on=happened_on,
        hours=hours,
        method=method,
        amount=amount,
    )
    award.full_clean(exclude=["organisation", "person", "attendance", "transaction", "decided_by"])
    if amount < 1:
        raise ValidationError({"amount": _("Enter an amount of at least 1.")})
    award.save()
    return award


@transaction.atomic
def awards_approve(
    *,
    organisation: Organisation,
    by: User,
    awards: Iterable[Award],
    over_caps_confirmed: bool = False,
) -> int:
    """Approve proposed recognition into the ledger. Over anyone's caps, the
    coordinator must confirm they have checked with the person first."""
    chosen = [a for a in awards if a.organisation_id == organisation.pk]
    waiting = list(
        Award.objects.select_for_update()
        .filter(pk__in=[a.pk for a in chosen], status=AwardStatus.PROPOSED)
        .select_related("person")
    )
    if not waiting:
        return 0
    own = sorted({a.person.preferred_name for a in waiting if a.person.user_id == by.pk})
    if own:
        # Separation of duties: nobody approves recognition for themselves.
        raise conflict(
            "awards",
            _(
                "You cannot approve recognition for yourself (%(names)s). Ask another "
                "coordinator or an admin."
            )
            % {"names": ", ".join(own)},
        )
    warnings = queries.cap_warnings(organisation, waiting)
    if warnings and not over_caps_confirmed:
        names = ", ".join(sorted({w.person.preferred_name for w in warnings}))
        raise conflict(
            "over_caps_confirmed",
            _(
                "This would take %(names)s over a limit they set. Check with them, "
                "then confirm you have."
            )
            % {"names": names},
        )
    now = timezone.now()
    for award in waiting:
        unit = award.unit
        if unit == Unit.CREDITS:
            starter_credits_give(award.person, by)
        award.transaction = post(
            organisation=organisation,
            by=by,
            key=f"award-{award.pk}",
            kind=TransactionKind.AWARD,
            legs=[
                (organisation_account(organisation, AccountKind.ISSUED, unit), -award.amount),
                (person_account(award.person, unit), award.amount),
            ],
            memo=award.description,
            person=award.person,
        )
        award.status, award.decided_by, award.decided_at = AwardStatus.APPROVED, by, now
    Award.objects.bulk_update(waiting, ["transaction", "status", "decided_by", "decided_at"])
    audit_record(
        organisation=organisation,
        actor=by,
        action=AuditAction.RECOGNITION_APPROVE,
        target=organisation,
        changes={"awards": len(waiting), "over_caps": len(warnings)},
    )
    return len(waiting)


@transaction.atomic
def awards_decline(
    *, organisation: Organisation, by: User, awards: Iterable[Award], reason: str
) -> int:
    if not reason.strip():
        raise ValidationError({"reason": _("Say why, so the person can be told.")})
    count = Award.objects.filter(
        organisation=organisation,
        pk__in=[a.pk for a in awards],
        status=AwardStatus.PROPOSED,
    ).update(
        status=AwardStatus.DECLINED,
        decline_reason=reason.strip()[:300],
        decided_by=by,
        decided_at=timezone.now(),
    )
    audit_record(
        organisation=organisation,
        actor=by,
        action=AuditAction.RECOGNITION_DECLINE,
        target=organisation,
        changes={"awards": count},
    )
    return count


@transaction.atomic
def award_direct(
    *,
    organisation: Organisation,
    by: User,
    source: Account,
    target: Account,
    amount: int,
    memo: str,
    key: str,
    over_caps_reason: str = "",
) -> Transaction:
    """Award straight into the ledger (the API's award), under the same rules as the
    pages: nobody awards themselves, and money over a person's limits needs a reason,
    which is kept in the audit trail."""
    receiver = target.person
    if receiver is not None and receiver.user_id == by.pk:
        # Separation of duties: nobody awards themselves; a second person must.
        raise PermissionDenied(_("to_account: You cannot award recognition to yourself."))
    warnings = []
    if receiver is not None and target.unit == Unit.PENCE:
        trial = Award(
            organisation=organisation,
            person=receiver,
            happened_on=timezone.localdate(),
            amount=amount,
            method=Method.PAYMENT,
        )
        warnings = queries.cap_warnings(organisation, [trial])
    reason = over_caps_reason.strip()
    if warnings and not reason:
        raise conflict(
            "over_caps_reason",
            _(
                "This would take %(name)s over a limit they set to protect their "
                "benefits. Check with them, then send over_caps_reason saying why."
            )
            % {"name": receiver.preferred_name if receiver else ""},
        )
    record = post(
        organisation=organisation,
        by=by,
        key=key,
        kind=TransactionKind.AWARD,
        legs=[(source, -amount), (target, amount)],
        memo=memo,
        person=receiver,
    )
    if warnings and not getattr(record, "replayed", False):
        audit_record(
            organisation=organisation,
            actor=by,
            action=AuditAction.RECOGNITION_OVER_CAPS,
            target=receiver,
            changes={"transaction": record.pk, "amount": amount, "reason": reason[:300]},
        )
    return record
