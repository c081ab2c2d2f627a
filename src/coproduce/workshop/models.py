"""What a group said about a perspective card in a session; where it leads somewhere,
the "you said, we did" item it became."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import Organisation


class Reflection(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey(
        "coproduce_sessions.Session", on_delete=models.CASCADE, related_name="reflections"
    )
    card = models.CharField(max_length=40)
    said = models.TextField(_("what the group said"), max_length=4000)
    item = models.ForeignKey(
        "influence.InfluenceItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return self.said[:60]
