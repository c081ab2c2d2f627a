""" "You said, we did": what people raised, what the service did about it, and telling them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import Organisation


class ItemStatus(models.TextChoices):
    RAISED = "raised", _("Raised")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    IN_PROGRESS = "in_progress", _("In progress")
    CHANGED = "changed", _("Changed")
    NOT_CHANGED = "not_changed", _("Not changed")


ANSWERED = (ItemStatus.CHANGED, ItemStatus.NOT_CHANGED)


class ResponseTargets(models.Model):
    """How quickly an organisation promises to acknowledge and to answer."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="influence_targets"
    )
    acknowledge_within_days = models.PositiveSmallIntegerField(default=14)
    answer_within_days = models.PositiveSmallIntegerField(default=90)

    def __str__(self) -> str:
        return f"Targets for {self.organisation}"


class InfluenceItem(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="influence_items"
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="influence_items",
    )
    title = models.CharField(_("what was raised, in a few words"), max_length=200)
    description = models.TextField(_("what people said"), blank=True)
    addressed_to = models.CharField(_("who it was raised with"), max_length=200)
    raised_by_people = models.ManyToManyField(
        "people.Person", blank=True, related_name="+", verbose_name=_("people who raised it")
    )
    raised_by_group = models.CharField(_("group that raised it"), max_length=200, blank=True)
    raised_on = models.DateField(_("date raised"), default=timezone.localdate)
    status = models.CharField(max_length=15, choices=ItemStatus.choices, default=ItemStatus.RAISED)
    response = models.TextField(_("our response"), blank=True)
    evidence = models.TextField(_("evidence of the change"), blank=True)
    reason_not_changed = models.TextField(_("why it was not changed"), blank=True)
    acknowledged_on = models.DateField(null=True, blank=True)
    answered_on = models.DateField(null=True, blank=True)
    is_public = models.BooleanField(_("show on the public board"), default=False)
    # Where it was raised, when that was somewhere in Coproduce (a conversation, a survey
    # comment, a coded passage, a shared story): words and an address to go back to.
    came_from = models.CharField(max_length=200, blank=True)
    came_from_url = models.CharField(max_length=300, blank=True)
    # Which record it came from ("survey-answer:12"), so one record makes one item.
    came_from_key = models.CharField(max_length=60, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-raised_on", "-id"]
        indexes = [models.Index(fields=["organisation", "status", "raised_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="not_changed") | ~Q(reason_not_changed=""),
                name="not_changed_needs_a_reason",
            ),
            models.UniqueConstraint(
                fields=["organisation", "came_from_key"],
                condition=~Q(came_from_key=""),
                name="one_item_a_source",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "influence:item-detail", kwargs={"org_slug": self.organisation.slug, "pk": self.pk}
        )


class StatusChange(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(InfluenceItem, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=15, choices=ItemStatus.choices)
    to_status = models.CharField(max_length=15, choices=ItemStatus.choices)
    note = models.TextField(blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} -> {self.to_status}"
