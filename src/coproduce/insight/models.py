"""Who an organisation serves, to compare with who takes part (issue 20)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import Organisation


class Dimension(models.TextChoices):
    ETHNICITY = "ethnicity", _("Ethnic group")
    AGE_BAND = "age_band", _("Age")
    GENDER = "gender", _("Gender")
    DISABILITY = "disability", _("Disabled")


class ReferenceGroup(models.Model):
    """One group's share of the population an organisation serves, for example from its
    area's census profile: who should be at the table."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="reference_groups"
    )
    dimension = models.CharField(max_length=20, choices=Dimension.choices)
    # A value of the matching choice on people's equality information (people.models).
    category = models.CharField(max_length=30)
    share = models.DecimalField(_("share (%)"), max_digits=5, decimal_places=2)

    class Meta:
        ordering = ["dimension", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "dimension", "category"], name="reference_group_once"
            ),
            models.CheckConstraint(
                condition=models.Q(share__gte=0, share__lte=100), name="reference_share_0_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dimension} {self.category}: {self.share}%"


class ReferenceSource(models.Model):
    """Where an organisation's reference population comes from."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="reference_source"
    )
    source = models.CharField(_("where the figures come from"), max_length=200)

    def __str__(self) -> str:
        return self.source


class Region(models.TextChoices):
    NORTH_EAST = "north_east", _("North East")
    NORTH_WEST = "north_west", _("North West")
    YORKSHIRE = "yorkshire", _("Yorkshire and the Humber")
    EAST_MIDLANDS = "east_midlands", _("East Midlands")
    WEST_MIDLANDS = "west_midlands", _("West Midlands")
    EAST = "east", _("East of England")
    LONDON = "london", _("London")
    SOUTH_EAST = "south_east", _("South East")
    SOUTH_WEST = "south_west", _("South West")
    WALES = "wales", _("Wales")
    SCOTLAND = "scotland", _("Scotland")
    NORTHERN_IRELAND = "northern_ireland", _("Northern Ireland")


class Benchmarking(models.Model):
    """An organisation's agreement to compare its figures with similar organisations. Its
    figures join the others' quartiles; it is never named to them."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="benchmarking"
    )
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    joined_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.organisation} ({self.region})"
