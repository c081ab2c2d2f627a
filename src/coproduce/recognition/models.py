"""What an organisation gives for people's time: its policy, rates and caps, awards,
expense claims, payment runs, and the time bank. Every amount moves through the ledger."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import Organisation
from coproduce.core.storage import PrivateStorage
from coproduce.ledger.models import Partner, Transaction, Unit


def private_storage() -> FileSystemStorage:
    """Receipts are private files (see core/storage.py)."""
    return PrivateStorage()


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
    # Recognition rests on the attendance it was given for: that row cannot be deleted
    # while the award exists (the register refuses first, in words).
    attendance = models.OneToOneField(
        "coproduce_sessions.Attendance",
        on_delete=models.PROTECT,
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


# --- Time bank ---------------------------------------------------


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
