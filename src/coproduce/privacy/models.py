"""How long an organisation keeps people's contact details once they stop taking part."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import Organisation


class RetentionRule(models.Model):
    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="retention_rule"
    )
    # Empty: keep contact details until someone asks. Otherwise, clear the email address
    # and phone number of people who have not taken part (or had their record changed)
    # for this many years.
    contact_details_years = models.PositiveSmallIntegerField(
        _("clear contact details after this many years without taking part"),
        null=True,
        blank=True,
    )

    def __str__(self) -> str:
        return f"Retention for {self.organisation}"
