"""The peer learning network: what each organisation offers and is looking for,
requests for help matched to offers (a peer reviewer for an assessment round among
them), and a log of what organisations learned from each other."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import Organisation


class HelpKind(models.TextChoices):
    PEER_REVIEW = "peer_review", _("Peer review")
    MENTORING = "mentoring", _("Mentoring")
    TRAINING = "training", _("Training")
    VENUE = "venue", _("A venue")
    PANEL = "panel", _("A lived experience panel")


class Listing(models.Model):
    """An organisation's entry in the directory of its networks."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="peer_listing"
    )
    offers = models.JSONField(_("what we offer"), default=list, blank=True)
    offers_detail = models.TextField(_("more about what we offer"), blank=True, max_length=2000)
    looking_for = models.JSONField(_("what we are looking for"), default=list, blank=True)
    looking_for_detail = models.TextField(
        _("more about what we are looking for"), blank=True, max_length=2000
    )
    public = models.BooleanField(
        _("show our entry to everyone, not only our networks"), default=False
    )
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return str(self.organisation)

    def offer_labels(self) -> list[str]:
        return _labels(self.offers)

    def looking_for_labels(self) -> list[str]:
        return _labels(self.looking_for)


def _labels(kinds: list[str]) -> list[str]:
    """The kinds of help in the reader's language (those we know)."""
    labels = dict(HelpKind.choices)
    return [str(labels[kind]) for kind in kinds if kind in labels]


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    MATCHED = "matched", _("Someone is helping")
    CLOSED = "closed", _("Closed")


class HelpRequest(models.Model):
    """An organisation asking one of its networks for help."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="help_requests"
    )
    network = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("what kind of help"), max_length=20, choices=HelpKind.choices)
    title = models.CharField(_("what you are asking for"), max_length=200)
    detail = models.TextField(_("more about it"), max_length=4000, blank=True)
    # For a peer reviewer: the assessment round they would answer.
    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["network", "status"])]

    def __str__(self) -> str:
        return self.title


class OfferStatus(models.TextChoices):
    MADE = "made", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Not taken up")


class Offer(models.Model):
    """Another organisation's reply to a request: who would help, and a message."""

    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="offers")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="peer_offers"
    )
    message = models.TextField(_("your message"), max_length=4000)
    status = models.CharField(max_length=10, choices=OfferStatus.choices, default=OfferStatus.MADE)
    # The peer reviewer's place in the assessment round, once accepted.
    respondent = models.ForeignKey(
        "assessments.Respondent", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["request", "organisation"], name="one_offer_each")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.request}"


class LearningNote(models.Model):
    """What an organisation learned from another: kept in its own learning log."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="learning_notes"
    )
    learned_from = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who we learned from"),
    )
    title = models.CharField(_("in a few words"), max_length=200)
    learned = models.TextField(_("what we learned"), max_length=4000)
    doing_differently = models.TextField(
        _("what we will do differently"), max_length=4000, blank=True
    )
    request = models.ForeignKey(
        HelpRequest, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class NetworkEvent(models.Model):
    """One of a network's sessions opened to its members: their staff sign up places."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    session = models.OneToOneField(
        "coproduce_sessions.Session", on_delete=models.CASCADE, related_name="network_event"
    )
    places = models.PositiveSmallIntegerField(_("places for members"), default=30)
    about = models.TextField(_("what members should know"), max_length=2000, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    opened_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return str(self.session)


class EventPlace(models.Model):
    """A member organisation's places at a network event."""

    event = models.ForeignKey(NetworkEvent, on_delete=models.CASCADE, related_name="signups")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    places = models.PositiveSmallIntegerField(_("how many are coming"))
    names = models.CharField(_("who is coming (optional)"), max_length=500, blank=True)
    access_needs = models.CharField(
        _("anything the hosts should arrange"), max_length=500, blank=True
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "organisation"], name="one_signup_each")
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.places}"
