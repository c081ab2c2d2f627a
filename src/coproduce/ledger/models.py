"""The involvement ledger: time credits, payments and expenses in one double-entry book.

Every amount is a whole number in its account's unit: time credits, or pence.
A transaction's postings sum to zero. Postings are never changed or deleted; a
mistake is put right by a reversal. Database triggers (see ledger/guard.py)
refuse UPDATE and DELETE of postings and transactions on SQLite and PostgreSQL.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import Organisation


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
