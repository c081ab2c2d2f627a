"""The annual co-production review: a draft assembled from the year's records, written up
by staff and co-producers together, then published (issue 20)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import Organisation


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class SectionKey(models.TextChoices):
    DID = "did", _("What we did")
    WHO = "who", _("Who took part, and who was missing")
    CHANGED = "changed", _("What changed because people spoke up")
    RECOGNITION = "recognition", _("Recognition we gave")
    ASSESSMENT = "assessment", _("How our self-assessment moved")
    STORIES = "stories", _("Stories we published")
    NEXT = "next", _("What we will do next year")


class AnnualReview(models.Model):
    """One organisation's review of one year, April to March. `figures` holds every figure
    and list the review shows, as they were when last brought up to date, each with where
    it comes from, so the words written about them and the figures always agree."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="annual_reviews"
    )
    year = models.PositiveSmallIntegerField(_("year it starts"))  # 2025 is April 2025 to March 2026
    status = models.CharField(
        max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    figures = models.JSONField(default=dict)
    figures_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="annual_review_once")
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.year} to {self.year + 1}"

    def get_absolute_url(self) -> str:
        return reverse(
            "reports:annual-review", kwargs={"org_slug": self.organisation.slug, "year": self.year}
        )

    @property
    def since(self) -> datetime.date:
        return datetime.date(self.year, 4, 1)

    @property
    def until(self) -> datetime.date:
        return datetime.date(self.year + 1, 3, 31)

    @property
    def is_published(self) -> bool:
        return self.status == ReviewStatus.PUBLISHED


class ReviewSection(models.Model):
    """The words of one section. `version` goes up with every save, so that two people
    editing at once never overwrite each other without seeing it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    review = models.ForeignKey(AnnualReview, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(max_length=15, choices=SectionKey.choices)
    text = models.TextField(_("what we say"), blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "key"], name="review_section_once")
        ]

    def __str__(self) -> str:
        return f"{self.review}: {self.key}"
