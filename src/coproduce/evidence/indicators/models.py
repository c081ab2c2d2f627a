"""Indicators, periods and their figures, and outcome records."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import Organisation
from coproduce.evidence.fields import initiative_link, made_by


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")
    NEITHER = "neither", _("Neither: it describes who we reach")


class Indicator(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="indicators"
    )
    initiative = initiative_link()
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("what it counts, and where the figures come from"), blank=True)
    unit = models.CharField(
        _("unit"), max_length=60, help_text=_("For example: referrals, people.")
    )
    direction = models.CharField(
        _("which way is good"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    baseline = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    created_by = made_by()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="indicator_name_once"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "evidence:indicator-detail", kwargs={"org_slug": self.organisation.slug, "pk": self.pk}
        )


class Period(models.Model):
    """A stretch of time figures are reported for: a quarter, a year, a reporting period."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="periods")
    label = models.CharField(_("label"), max_length=60)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))

    class Meta:
        ordering = ["starts_on", "label"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "label"], name="period_label_once"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="period_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1


class Observation(models.Model):
    """One figure: an indicator's value for a period, for one category of one breakdown
    (referral source: GP), or the headline figure when the breakdown is empty."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="observations")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="observations")
    dimension = models.CharField(_("breakdown"), max_length=60, blank=True)
    category = models.CharField(_("category"), max_length=120, blank=True)
    value = models.DecimalField(_("figure"), max_digits=14, decimal_places=2)
    # The share as it was published beside the count, kept to check one against the other.
    stated_share = models.DecimalField(
        _("share as published (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    # A total as it was published, checked against the sum of its parts.
    is_total = models.BooleanField(_("stated total"), default=False)
    recorded_by = made_by()
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["indicator", "period", "dimension", "is_total", "-value", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period", "dimension", "category"],
                name="observation_once_per_breakdown",
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="observation_not_negative"),
            models.CheckConstraint(
                condition=Q(stated_share__isnull=True)
                | Q(stated_share__gte=0, stated_share__lte=100),
                name="stated_share_is_a_percentage",
            ),
        ]
        indexes = [models.Index(fields=["indicator", "period"])]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period} {self.category or 'all'}: {self.value}"


class SelfReported(models.TextChoices):
    MUCH_WORSE = "much_worse", _("Much worse")
    WORSE = "worse", _("A bit worse")
    SAME = "same", _("About the same")
    BETTER = "better", _("A bit better")
    MUCH_BETTER = "much_better", _("Much better")


class OutcomeRecord(models.Model):
    """A change for a person or an initiative, tagged to one item of an outcome framework."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    initiative = initiative_link()
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    item = models.ForeignKey(
        "frameworks.FrameworkItem",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("outcome"),
    )
    # Scores from 1 to 10, as people rate themselves or as agreed with them.
    baseline = models.PositiveSmallIntegerField(_("score at the start"), null=True, blank=True)
    follow_up = models.PositiveSmallIntegerField(_("score at follow-up"), null=True, blank=True)
    self_reported = models.CharField(
        _("in their own words, things are"),
        max_length=12,
        choices=SelfReported.choices,
        blank=True,
    )
    note = models.TextField(_("what changed"), blank=True)
    recorded_on = models.DateField(_("date"), default=timezone.localdate)
    recorded_by = made_by()

    class Meta:
        ordering = ["-recorded_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(baseline__isnull=True) | Q(baseline__gte=1, baseline__lte=10))
                & (Q(follow_up__isnull=True) | Q(follow_up__gte=1, follow_up__lte=10)),
                name="outcome_scores_1_to_10",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item} on {self.recorded_on}"
