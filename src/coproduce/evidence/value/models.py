"""Value for money: costs, benefits and the assumptions behind them."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import Organisation
from coproduce.evidence.fields import made_by


class BenefitKind(models.TextChoices):
    CASHABLE = "cashable", _("Cashable: money that can be taken out of a budget")
    NON_CASHABLE = "non_cashable", _("Non-cashable: time or capacity freed up")
    NOTIONAL = "notional", _("Notional: costs avoided or value to people")


class Confidence(models.TextChoices):
    HIGH = "high", _("High: measured")
    MEDIUM = "medium", _("Medium: estimated from good data")
    LOW = "low", _("Low: a reasoned guess")


class CostLine(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="+"
    )
    description = models.CharField(_("what it paid for"), max_length=200)
    # People's time at a stated rate, or a sum of money; the amount is kept in pence.
    hours = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    hourly_rate_pence = models.PositiveIntegerField(null=True, blank=True)
    amount_pence = models.PositiveBigIntegerField()
    created_by = made_by()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.description


class BenefitLine(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="+"
    )
    description = models.CharField(_("what the benefit is"), max_length=200)
    amount_pence_per_year = models.PositiveBigIntegerField()
    years = models.PositiveSmallIntegerField(_("for how many years"), default=1)
    kind = models.CharField(_("kind of benefit"), max_length=12, choices=BenefitKind.choices)
    confidence = models.CharField(_("confidence"), max_length=6, choices=Confidence.choices)
    source = models.CharField(_("where the figure comes from"), max_length=300)
    created_by = made_by()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(years__gte=1, years__lte=10), name="benefit_years_1_to_10"
            ),
        ]

    def __str__(self) -> str:
        return self.description


class Assumption(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="+"
    )
    text = models.CharField(_("assumption"), max_length=400)
    source = models.CharField(_("based on"), max_length=300, blank=True)
    created_by = made_by()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text
