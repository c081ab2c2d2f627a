"""Co-production frameworks as versioned data: items (nested), statement sets and sources."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import Organisation


class FrameworkKind(models.TextChoices):
    PRINCIPLES = "principles", _("Principles")
    TYPOLOGY = "typology", _("Typology")
    LEVELS = "levels", _("Levels")
    OUTCOMES = "outcomes", _("Outcomes")
    STAGES = "stages", _("Stages")


class FrameworkQuerySet(models.QuerySet["Framework"]):
    def current(self) -> FrameworkQuerySet:
        return self.filter(is_current=True)

    def library(self) -> FrameworkQuerySet:
        """The shared library that ships with Coproduce."""
        return self.filter(organisation__isnull=True)


class Framework(models.Model):
    """One version of a framework. A changed pack makes a new version; old ones stay."""

    # Empty for the shared library; set for a framework an organisation made.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="frameworks"
    )
    key = models.SlugField(max_length=80)
    version = models.PositiveIntegerField(default=1)
    is_current = models.BooleanField(default=True)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=FrameworkKind.choices)
    description = models.TextField(_("description"), blank=True)
    source_document = models.CharField(_("source"), max_length=400, blank=True)
    source_reference = models.CharField(_("where in the source"), max_length=200, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)
    # Welsh for the fields above, keyed by field name (web/welsh.py).
    welsh = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FrameworkQuerySet.as_manager()

    class Meta:
        ordering = ["title", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "version"],
                condition=Q(organisation__isnull=True),
                name="library_framework_version_once",
            ),
            models.UniqueConstraint(
                fields=["organisation", "key", "version"],
                condition=Q(organisation__isnull=False),
                name="org_framework_version_once",
            ),
            models.UniqueConstraint(
                fields=["key"],
                condition=Q(organisation__isnull=True, is_current=True),
                name="one_current_library_version",
            ),
            models.UniqueConstraint(
                fields=["organisation", "key"],
                condition=Q(organisation__isnull=False, is_current=True),
                name="one_current_org_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"

    def get_absolute_url(self) -> str:
        if self.organisation is None:
            return reverse("frameworks:framework-detail", kwargs={"key": self.key})
        return reverse(
            "frameworks:org-framework-detail",
            kwargs={"org_slug": self.organisation.slug, "key": self.key},
        )


class FrameworkItem(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    key = models.SlugField(max_length=80)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)
    # Welsh for the fields above, keyed by field name (web/welsh.py).
    welsh = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "key"], name="item_key_once_per_version"),
        ]

    def __str__(self) -> str:
        return self.title


class StatementSet(models.Model):
    """Statements to rate, each tied to one item of one framework version."""

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="statement_sets"
    )
    key = models.SlugField(max_length=80)
    title = models.CharField(max_length=200)
    # Welsh for the fields above, keyed by field name (web/welsh.py).
    welsh = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "key"], name="statement_set_once"),
        ]

    def __str__(self) -> str:
        return self.title


class Statement(models.Model):
    statement_set = models.ForeignKey(
        StatementSet, on_delete=models.CASCADE, related_name="statements"
    )
    item = models.ForeignKey(FrameworkItem, on_delete=models.PROTECT, related_name="statements")
    text = models.CharField(max_length=400)
    easy_read = models.CharField(max_length=300, blank=True)
    position = models.PositiveIntegerField(default=0)
    # Welsh for the fields above, keyed by field name (web/welsh.py).
    welsh = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.text
