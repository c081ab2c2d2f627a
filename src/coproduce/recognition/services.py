"""Writes for recognition: policy, rates and caps, awards, expense claims, payment
runs, partners and the time bank. Every movement of credits or money goes through
`post` here, which posts to the ledger under the organisation's policy."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.core.errors import conflict
from coproduce.core.models import Organisation, User
from coproduce.core.services import audit_record
from coproduce.core.uploads import IMAGES, PDF, sniff
from coproduce.ledger import services as ledger
from coproduce.ledger.models import (
    Account,
    AccountKind,
    Partner,
    Transaction,
    TransactionKind,
    Unit,
)
from coproduce.ledger.services import (
    MAX_AMOUNT,
    organisation_account,
    partner_account,
    person_account,
)
from coproduce.people.models import Person, RecognitionPreference
from coproduce.people.services import acting_for, person_update
from coproduce.recognition import queries
from coproduce.recognition.models import (
    Award,
    AwardStatus,
    Caps,
    ClaimStatus,
    ExpenseCategory,
    ExpenseClaim,
    Listing,
    Method,
    Offer,
    PaymentLine,
    PaymentRun,
    Rate,
    RecognitionPolicy,
)

# --- Policy ---------------------------------------------------------------------------


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


def policy_update(
    *, organisation: Organisation, by: User, details: Mapping[str, Any]
) -> RecognitionPolicy:
    policy = policy_for(organisation)
    for name in POLICY_FIELDS:
        if name in details:
            setattr(policy, name, details[name])
    policy.full_clean(exclude=["organisation"])
    policy.save()
    audit_record(organisation=organisation, actor=by, action="recognition.policy", target=policy)
    return policy


RATE_FIELDS = ("credits_per_hour", "pence_per_hour", "pence_per_session", "voucher_pence_per_hour")


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
    audit_record(organisation=organisation, actor=by, action="recognition.rate", target=rate)
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
        action="recognition.caps",
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


# --- From attendance to recognition ----------------------------------------------------

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
        action="recognition.propose",
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


def _starter_credits(person: Person, policy: RecognitionPolicy, by: User) -> None:
    if policy.starter_credits <= 0:
        return
    organisation = person.organisation
    post(
        organisation=organisation,
        by=by,
        key=f"starter-person-{person.pk}",
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
    policy = policy_for(organisation)
    now = timezone.now()
    for award in waiting:
        unit = award.unit
        if unit == Unit.CREDITS:
            _starter_credits(award.person, policy, by)
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
        action="recognition.approve",
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
        action="recognition.decline",
        target=organisation,
        changes={"awards": count},
    )
    return count


# --- Paying people ----------------------------------------------------------------------


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
        action="recognition.payment_run",
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
    audit_record(organisation=organisation, actor=by, action="recognition.paid", target=run)
    return run


# --- Expenses ------------------------------------------------------------------------------


def _check_receipt(receipt: UploadedFile) -> None:
    from django.conf import settings

    sniff(
        receipt,
        field="receipt",
        allowed={**IMAGES, **PDF},
        max_bytes=settings.RECEIPT_MAX_BYTES,
        wanted=_("a photo (JPEG or PNG) or a PDF"),
    )


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
    if receipt is not None:
        _check_receipt(receipt)
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
        claim.receipt.save(f"claim-{person.pk}", receipt, save=False)
    claim.save()
    audit_record(
        organisation=organisation,
        actor=by,
        action="recognition.claim",
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
        organisation=organisation, actor=by, action="recognition.claim_approve", target=claim
    )
    return claim


# --- Time credits: partners, spending, gifts and the time bank --------------------------------


def partner_create(
    *, organisation: Organisation, by: User, name: str, address: str = "", access: str = ""
) -> Partner:
    partner = Partner(organisation=organisation, name=name.strip(), address=address, access=access)
    partner.full_clean(exclude=["organisation"], validate_unique=False)
    if Partner.objects.filter(organisation=organisation, name=partner.name).exists():
        raise ValidationError({"name": _("There is already a partner with this name.")})
    partner.save()
    partner_account(partner)
    return partner


def offer_create(
    *, partner: Partner, by: User, title: str, credits: int, description: str = ""
) -> Offer:
    offer = Offer(
        organisation=partner.organisation,
        partner=partner,
        title=title.strip(),
        credits=credits,
        description=description,
    )
    offer.full_clean(exclude=["organisation", "partner"])
    if credits < 1:
        raise ValidationError({"credits": _("An offer costs at least 1 time credit.")})
    offer.save()
    return offer


def credits_spend(*, person: Person, offer: Offer, by: User, key: str) -> Transaction:
    if offer.organisation_id != person.organisation_id:
        raise ValidationError({"offer": _("Choose an offer from this organisation's partners.")})
    if not offer.active:
        raise conflict("offer", _("This offer has ended."))
    return post(
        organisation=person.organisation,
        by=by,
        key=key,
        kind=TransactionKind.SPEND,
        legs=[
            (person_account(person, Unit.CREDITS), -offer.credits),
            (partner_account(offer.partner), offer.credits),
        ],
        memo=str(offer),
        person=person,
    )


def credits_gift(
    *, giver: Person, receiver: Person, amount: int, by: User, key: str, note: str = ""
) -> Transaction:
    if receiver.organisation_id != giver.organisation_id:
        raise ValidationError({"receiver": _("Choose someone in this organisation.")})
    if receiver.pk == giver.pk:
        raise ValidationError({"receiver": _("Choose someone other than the giver.")})
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 1:
        raise ValidationError({"amount": _("Enter a whole number of time credits, 1 or more.")})
    return post(
        organisation=giver.organisation,
        by=by,
        key=key,
        kind=TransactionKind.GIFT,
        legs=[
            (person_account(giver, Unit.CREDITS), -amount),
            (person_account(receiver, Unit.CREDITS), amount),
        ],
        memo=note or _("Gift to %(name)s") % {"name": receiver.preferred_name},
        person=giver,
    )


def listing_create(
    *, person: Person, by: User, kind: str, title: str, description: str = ""
) -> Listing:
    if not policy_for(person.organisation).timebank_enabled:
        raise conflict("kind", _("This organisation has not switched on the time bank."))
    listing = Listing(
        organisation=person.organisation,
        person=person,
        kind=kind,
        title=title.strip(),
        description=description,
    )
    listing.full_clean(exclude=["organisation", "person"])
    listing.save()
    return listing


def timebank_exchange(
    *, listing: Listing, helper: Person, helped: Person, hours: int, by: User, key: str
) -> Transaction:
    """An hour given is an hour earned: the person helped pays the helper in credits."""
    organisation = listing.organisation
    if not policy_for(organisation).timebank_enabled:
        raise conflict("listing", _("This organisation has not switched on the time bank."))
    if {helper.organisation_id, helped.organisation_id} != {organisation.pk}:
        raise ValidationError({"person": _("Choose someone in this organisation.")})
    if helper.pk == helped.pk:
        raise ValidationError({"person": _("Someone cannot swap time with themselves.")})
    if isinstance(hours, bool) or not isinstance(hours, int) or not 1 <= hours <= 24:
        raise ValidationError({"hours": _("Enter whole hours from 1 to 24.")})
    return post(
        organisation=organisation,
        by=by,
        key=key,
        kind=TransactionKind.EXCHANGE,
        legs=[
            (person_account(helped, Unit.CREDITS), -hours),
            (person_account(helper, Unit.CREDITS), hours),
        ],
        memo=listing.title,
        person=helper,
    )
