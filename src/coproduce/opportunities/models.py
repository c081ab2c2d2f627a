"""The opportunities board: roles and places to get involved, who is interested, who was chosen."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import Organisation


class OpportunityKind(models.TextChoices):
    INTERVIEW_PANEL = "interview_panel", _("Interview panel")
    BID_EVALUATION = "bid_evaluation", _("Evaluating bids")
    CO_CHAIR = "co_chair", _("Board or group co-chair")
    WORKSHOP = "workshop", _("Workshop")
    PEER_RESEARCH = "peer_research", _("Peer research")
    OTHER = "other", _("Something else")


class Opportunity(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="opportunities"
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=OpportunityKind.choices)
    involves = models.TextField(_("what is involved"))
    recognition = models.CharField(_("recognition offered"), max_length=300)
    access_support = models.TextField(_("support to take part"), blank=True)
    closes_on = models.DateField(_("closing date"))
    places = models.PositiveSmallIntegerField(_("places"), default=1)
    session = models.ForeignKey(
        "coproduce_sessions.Session",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opportunities",
        verbose_name=_("session it leads to"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["closes_on", "id"]
        verbose_name_plural = "opportunities"
        constraints = [
            models.CheckConstraint(condition=Q(places__gte=1), name="opportunity_has_a_place")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.closes_on >= timezone.localdate()


class InterestStatus(models.TextChoices):
    INTERESTED = "interested", _("Interested")
    SELECTED = "selected", _("Selected")
    NOT_SELECTED = "not_selected", _("Not selected this time")


class Interest(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="interest")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    note = models.TextField(_("anything they would like us to know"), blank=True)
    status = models.CharField(
        max_length=15, choices=InterestStatus.choices, default=InterestStatus.INTERESTED
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "person"], name="interest_once")
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.opportunity}"


class InterestLink(models.Model):
    """A person's own link to say they are interested in an opportunity, for people who
    never sign in. Only its hash is kept; it works while the opportunity is open."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="interest_links"
    )
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "person"], name="one_interest_link_a_person"
            ),
        ]

    def __str__(self) -> str:
        return f"Interest link to {self.opportunity} for {self.person}"
