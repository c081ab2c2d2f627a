"""The involvement ledger: time credits, payments and expenses in one double-entry book.

Every amount is a whole number in its account's unit: time credits, or pence.
A transaction's postings sum to zero. Postings are never changed or deleted; a
mistake is put right by a reversal. Database triggers (see migration 0002)
refuse UPDATE and DELETE of postings and transactions on SQLite and PostgreSQL.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import Organisation
from coproduce.core.storage import PrivateStorage


def private_storage() -> FileSystemStorage:
    """Receipts are private files (see core/storage.py)."""
    return PrivateStorage()


class Unit(models.TextChoices):
    CREDITS = "credits", _("time credits")
    PENCE = "pence", _("pence")


class AccountKind(models.TextChoices):
    # A person's time credits, or money (payments, vouchers, expenses) owed to them.
    PERSON = "person", _("Person")
    # A partner venue that takes time credits for what it offers.
    PARTNER = "partner", _("Partner venue")
    # The organisation's own accounts: where recognition comes from and where
    # money goes when it has been paid out.
    ISSUED = "issued", _("Recognition given by the organisation")
    PAID_OUT = "paid_out", _("Paid out")


ORGANISATION_KINDS = (AccountKind.ISSUED, AccountKind.PAID_OUT)


class Partner(models.Model):
    """A venue or service that welcomes time credits: a pool, a cinema, a college."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    access = models.TextField(_("access at the venue"), blank=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="partner_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Offer(models.Model):
    """Something a partner offers for time credits."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="offers")
    title = models.CharField(_("what is on offer"), max_length=200)
    description = models.TextField(_("more about it"), blank=True)
    credits = models.PositiveIntegerField(_("time credits"))
    active = models.BooleanField(_("on offer now"), default=True)

    class Meta:
        ordering = ["partner__name", "title", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(credits__gte=1), name="offer_costs_a_credit")
        ]

    def __str__(self) -> str:
        return f"{self.title} at {self.partner}"


class Account(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="ledger_accounts"
    )
    kind = models.CharField(max_length=10, choices=AccountKind.choices)
    unit = models.CharField(max_length=10, choices=Unit.choices)
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="accounts"
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, null=True, blank=True, related_name="accounts"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        constraints = [
            # Exactly one owner, of the kind the account says.
            models.CheckConstraint(
                condition=(
                    Q(kind=AccountKind.PERSON, person__isnull=False, partner__isnull=True)
                    | Q(kind=AccountKind.PARTNER, partner__isnull=False, person__isnull=True)
                    | Q(kind__in=ORGANISATION_KINDS, person__isnull=True, partner__isnull=True)
                ),
                name="account_has_its_owner",
            ),
            models.CheckConstraint(
                condition=~Q(kind=AccountKind.PARTNER) | Q(unit=Unit.CREDITS),
                name="partner_accounts_hold_credits",
            ),
            models.UniqueConstraint(
                fields=["person", "unit"],
                condition=Q(person__isnull=False),
                name="one_account_per_person_and_unit",
            ),
            models.UniqueConstraint(
                fields=["partner"],
                condition=Q(partner__isnull=False),
                name="one_account_per_partner",
            ),
            models.UniqueConstraint(
                fields=["organisation", "kind", "unit"],
                condition=Q(kind__in=ORGANISATION_KINDS),
                name="one_organisation_account_per_kind_and_unit",
            ),
        ]

    def __str__(self) -> str:
        owner = self.person or self.partner or self.get_kind_display()
        return f"{owner} ({self.get_unit_display()})"


class TransactionKind(models.TextChoices):
    AWARD = "award", _("Recognition for taking part")
    STARTER = "starter", _("Starter credits")
    SPEND = "spend", _("Spent at a partner")
    GIFT = "gift", _("Gift to another member")
    EXCHANGE = "exchange", _("Time-bank exchange")
    EXPENSE = "expense", _("Expense")
    EXPENSE_UPFRONT = "expense_upfront", _("Paid for up front")
    PAYMENT = "payment", _("Paid out")
    REVERSAL = "reversal", _("Reversal")


class Transaction(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="ledger_transactions"
    )
    kind = models.CharField(max_length=20, choices=TransactionKind.choices)
    # Sent by the caller; a repeat with the same key returns this transaction.
    idempotency_key = models.CharField(max_length=100)
    # A hash of what was asked for, so a repeat that asks for something else is refused.
    fingerprint = models.CharField(max_length=64)
    unit = models.CharField(max_length=10, choices=Unit.choices)
    memo = models.CharField(max_length=300, blank=True)
    # Whose recognition this is, for their statement (a gift concerns the giver).
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reverses = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reversed_by"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "idempotency_key"], name="one_transaction_per_key"
            ),
            models.CheckConstraint(condition=~Q(idempotency_key=""), name="transaction_has_a_key"),
        ]
        indexes = [
            models.Index(fields=["organisation", "created_at"]),
            models.Index(fields=["person", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"


class Posting(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    transaction = models.ForeignKey(Transaction, on_delete=models.PROTECT, related_name="postings")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="postings")
    amount = models.BigIntegerField()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=~Q(amount=0), name="posting_is_not_zero"),
            models.UniqueConstraint(
                fields=["transaction", "account"], name="one_posting_per_account_per_transaction"
            ),
        ]
        indexes = [models.Index(fields=["account", "amount"])]

    def __str__(self) -> str:
        return f"{self.amount:+d} to account {self.account_id}"


# --- What an organisation gives -------------------------------------------------


class RecognitionPolicy(models.Model):
    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="recognition_policy"
    )
    starter_credits = models.PositiveIntegerField(
        _("starter credits for new members"),
        default=0,
        help_text=_("Given once, the first time someone is recognised."),
    )
    allow_negative_credits = models.BooleanField(
        _("people may spend time credits they have not earned yet"), default=False
    )
    timebank_enabled = models.BooleanField(
        _("members can swap time with each other (time bank)"), default=False
    )
    payment_reference_prefix = models.CharField(
        _("reference prefix for finance"), max_length=12, default="COPRO"
    )

    def __str__(self) -> str:
        return f"Recognition policy for {self.organisation}"


class Rate(models.Model):
    """What an hour (or a session) of a kind of session earns. The row with no session
    kind is the default for kinds without their own row."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    session_kind = models.CharField(_("kind of session"), max_length=20, blank=True)
    credits_per_hour = models.PositiveIntegerField(_("time credits per hour"), default=1)
    pence_per_hour = models.PositiveIntegerField(_("payment per hour, in pence"), default=0)
    pence_per_session = models.PositiveIntegerField(_("payment per session, in pence"), default=0)
    voucher_pence_per_hour = models.PositiveIntegerField(
        _("voucher value per hour, in pence"), default=0
    )

    class Meta:
        ordering = ["session_kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "session_kind"], name="one_rate_per_session_kind"
            )
        ]

    def __str__(self) -> str:
        return f"Rate for {self.session_kind or 'any session'}"


class ExpenseKind(models.TextChoices):
    TRAVEL = "travel", _("Travel")
    CARE_COVER = "care_cover", _("Childcare or care cover")
    MEALS = "meals", _("Meals and drinks")
    OTHER = "other", _("Something else")


class ExpenseCategory(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=15, choices=ExpenseKind.choices)
    limit_pence = models.PositiveIntegerField(
        _("most we pay for one claim, in pence"), null=True, blank=True
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "expense categories"
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="expense_category_name")
        ]

    def __str__(self) -> str:
        return self.name


class Caps(models.Model):
    """Limits a person sets on payments so that taking part does not affect their
    benefits. The coordinator is warned before approving anything over them."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    person = models.OneToOneField(
        "people.Person", on_delete=models.CASCADE, related_name="recognition_caps"
    )
    weekly_pence = models.PositiveIntegerField(_("most per week, in pence"), null=True, blank=True)
    yearly_pence = models.PositiveIntegerField(_("most per year, in pence"), null=True, blank=True)

    def __str__(self) -> str:
        return f"Caps for {self.person}"


# --- Recognition for taking part -------------------------------------------------


class Method(models.TextChoices):
    CREDITS = "time_credits", _("Time credits")
    PAYMENT = "payment", _("Payment")
    VOUCHERS = "vouchers", _("Vouchers")


class AwardStatus(models.TextChoices):
    PROPOSED = "proposed", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Not approved")


class Award(models.Model):
    """Recognition proposed for one person's attendance, then approved into the ledger."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="awards")
    attendance = models.OneToOneField(
        "coproduce_sessions.Attendance",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="award",
    )
    description = models.CharField(max_length=300)
    happened_on = models.DateField()
    hours = models.DecimalField(max_digits=5, decimal_places=2)
    method = models.CharField(max_length=15, choices=Method.choices)
    amount = models.PositiveIntegerField()
    status = models.CharField(
        max_length=10, choices=AwardStatus.choices, default=AwardStatus.PROPOSED
    )
    decline_reason = models.CharField(max_length=300, blank=True)
    transaction = models.OneToOneField(
        Transaction, on_delete=models.PROTECT, null=True, blank=True, related_name="award"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["happened_on", "person__preferred_name", "id"]
        indexes = [models.Index(fields=["organisation", "status", "happened_on"])]

    def __str__(self) -> str:
        return f"{self.get_method_display()} for {self.person}"

    @property
    def unit(self) -> str:
        return Unit.CREDITS if self.method == Method.CREDITS else Unit.PENCE


# --- Expenses -------------------------------------------------------------------


class ClaimStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Not approved")


class ExpenseClaim(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="expense_claims"
    )
    category = models.ForeignKey(ExpenseCategory, on_delete=models.PROTECT, related_name="+")
    description = models.CharField(_("what it was for"), max_length=300)
    amount_pence = models.PositiveIntegerField(_("amount, in pence"))
    incurred_on = models.DateField(_("date"))
    # True when the organisation buys it for the person (a ticket, a travel pass),
    # so they never have to find the money first.
    paid_up_front = models.BooleanField(_("we buy it for them"), default=False)
    receipt = models.FileField(upload_to="receipts/%Y/%m/", blank=True, storage=private_storage)
    receipt_name = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.SUBMITTED
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    transaction = models.OneToOneField(
        Transaction, on_delete=models.PROTECT, null=True, blank=True, related_name="expense"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_pence__gte=1), name="claim_has_an_amount")
        ]

    def __str__(self) -> str:
        return f"{self.category} for {self.person}"


# --- Paying people ----------------------------------------------------------------


class PaymentRun(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    paid_at = models.DateTimeField(null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # One run waits for finance at a time, so nobody's money is in two runs.
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(paid_at__isnull=True),
                name="one_open_payment_run",
            )
        ]

    def __str__(self) -> str:
        return f"Payment run {self.pk}"


class PaymentLine(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    run = models.ForeignKey(PaymentRun, on_delete=models.PROTECT, related_name="lines")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    amount_pence = models.PositiveIntegerField()
    method = models.CharField(max_length=15, choices=Method.choices)
    reference = models.CharField(max_length=40, unique=True)
    transaction = models.OneToOneField(
        Transaction, on_delete=models.PROTECT, null=True, blank=True, related_name="payment_line"
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "person"], name="one_line_per_person_per_run")
        ]

    def __str__(self) -> str:
        return self.reference


# --- Time bank and opportunities ---------------------------------------------------


class ListingKind(models.TextChoices):
    OFFER = "offer", _("I can offer")
    REQUEST = "request", _("I would like help with")


class Listing(models.Model):
    """A time-bank offer or request between members."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="listings")
    kind = models.CharField(_("offer or request"), max_length=10, choices=ListingKind.choices)
    title = models.CharField(_("what"), max_length=200)
    description = models.TextField(_("more about it"), blank=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class OpportunityKind(models.TextChoices):
    INTERVIEW_PANEL = "interview_panel", _("Interview panel")
    BID_EVALUATION = "bid_evaluation", _("Evaluating bids")
    CO_CHAIR = "co_chair", _("Board or group co-chair")
    WORKSHOP = "workshop", _("Workshop")
    PEER_RESEARCH = "peer_research", _("Peer research")
    OTHER = "other", _("Something else")


class Opportunity(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="opportunities"
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=OpportunityKind.choices)
    involves = models.TextField(_("what is involved"))
    recognition = models.CharField(_("recognition offered"), max_length=300)
    access_support = models.TextField(_("support to take part"), blank=True)
    closes_on = models.DateField(_("closing date"))
    places = models.PositiveSmallIntegerField(_("places"), default=1)
    session = models.ForeignKey(
        "coproduce_sessions.Session",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opportunities",
        verbose_name=_("session it leads to"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["closes_on", "id"]
        verbose_name_plural = "opportunities"
        constraints = [
            models.CheckConstraint(condition=Q(places__gte=1), name="opportunity_has_a_place")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.closes_on >= timezone.localdate()


class InterestStatus(models.TextChoices):
    INTERESTED = "interested", _("Interested")
    SELECTED = "selected", _("Selected")
    NOT_SELECTED = "not_selected", _("Not selected this time")


class Interest(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="interest")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    note = models.TextField(_("anything they would like us to know"), blank=True)
    status = models.CharField(
        max_length=15, choices=InterestStatus.choices, default=InterestStatus.INTERESTED
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "person"], name="interest_once")
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.opportunity}"
