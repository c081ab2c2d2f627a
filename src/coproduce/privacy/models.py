"""How long an organisation keeps people's contact details once they stop taking part."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import Organisation
from coproduce.core.storage import private_storage


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


class ExportStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting to start")
    RUNNING = "running", _("Being prepared")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Could not be prepared")


class SubjectAccessExport(models.Model):
    """A copy of everything held about someone, prepared in the background as JSON and as
    a readable PDF, kept privately and handed out only through a permission check."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="subject_access_exports"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=ExportStatus.choices, default="waiting")
    # 0 to 100, and what is being done now, for the page that waits.
    progress = models.PositiveSmallIntegerField(default=0)
    step = models.CharField(max_length=200, blank=True)
    json_file = models.FileField(storage=private_storage, upload_to="exports/", blank=True)
    pdf_file = models.FileField(storage=private_storage, upload_to="exports/", blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"Export {self.pk} for person {self.person_id}"
