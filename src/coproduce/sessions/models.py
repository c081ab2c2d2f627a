"""Meetings, workshops and other sessions, their agendas, and who came."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import Organisation


class SessionKind(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    WORKSHOP = "workshop", _("Workshop")
    CO_DESIGN_LAB = "co_design_lab", _("Co-design lab")
    CONFERENCE = "conference", _("Conference")
    FORUM = "forum", _("Forum")
    INTERVIEW_PANEL = "interview_panel", _("Interview panel")
    PEER_RESEARCH = "peer_research", _("Peer research")
    TRAINING = "training", _("Training")
    SOCIAL = "social", _("Social activity")
    TRUST_BUILDING = "trust_building", _("Trust-building (before the work starts)")


class Co(models.TextChoices):
    CO_COMMISSIONING = "co-commissioning", _("Co-commissioning")
    CO_DESIGN = "co-design", _("Co-design")
    CO_DELIVERY = "co-delivery", _("Co-delivery")
    CO_ASSESSMENT = "co-assessment", _("Co-assessment")


class Rung(models.TextChoices):
    """Rungs of the ladder of co-production, from the framework of the same name."""

    INFORMING = "informing", _("Informing")
    CONSULTATION = "consultation", _("Consultation")
    ENGAGEMENT = "engagement", _("Engagement")
    CO_DESIGN = "co-design", _("Co-design")
    CO_PRODUCTION = "co-production", _("Co-production")


# The rungs where people share power over what is made: the "real" co-production that
# reports set apart from informing, consulting and engaging.
DEEP_RUNGS = (Rung.CO_DESIGN, Rung.CO_PRODUCTION)


class Session(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="sessions"
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind of session"), max_length=20, choices=SessionKind.choices)
    starts_at = models.DateTimeField(_("starts"))
    hours = models.DecimalField(
        _("length in hours"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("2"),
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal("24"))],
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    venue_access = models.TextField(_("access at the venue"), blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    co = models.CharField(_("which Co it serves"), max_length=20, choices=Co.choices, blank=True)
    rung = models.CharField(
        _("rung of the ladder it reaches"), max_length=20, choices=Rung.choices, blank=True
    )
    shares_lived_experience = models.BooleanField(
        _("people share lived experience here"), default=False
    )
    debrief_offered = models.BooleanField(_("a debrief was offered"), default=False)
    follow_up_owed = models.TextField(_("follow-up owed"), blank=True)
    debrief_notes = models.TextField(_("how it went"), blank=True)
    invitees = models.ManyToManyField("people.Person", blank=True, related_name="+")
    # A cancelled session stays, with why, so everyone can see what happened to it.
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(_("why it is cancelled"), max_length=300, blank=True)
    # Sessions planned together as a regular group (a weekly group) share this.
    series = models.UUIDField(null=True, blank=True, db_index=True)
    # Goes up each time the time or place changes, so calendars replace the old event.
    calendar_sequence = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-starts_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "starts_at"]),
            models.Index(fields=["initiative", "starts_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({timezone.localtime(self.starts_at):%d %b %Y})"

    def get_absolute_url(self) -> str:
        return reverse(
            "sessions:session-detail", kwargs={"org_slug": self.organisation.slug, "pk": self.pk}
        )


class ProposedBy(models.TextChoices):
    COMMUNITY = "community", _("Community")
    STAFF = "staff", _("Staff")


class AgendaItem(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="agenda")
    title = models.CharField(max_length=200)
    proposed_by = models.CharField(max_length=10, choices=ProposedBy.choices)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class RoleOnDay(models.TextChoices):
    PARTICIPANT = "participant", _("Taking part")
    CO_CHAIR = "co_chair", _("Co-chair")
    FACILITATOR = "facilitator", _("Facilitator")
    SPEAKER = "speaker", _("Speaker")
    NOTE_TAKER = "note_taker", _("Note-taker")
    SUPPORTER = "supporter", _("Support worker or carer")


class Attendance(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="attendance")
    hours = models.DecimalField(
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("24"))],
    )
    role = models.CharField(max_length=15, choices=RoleOnDay.choices, default=RoleOnDay.PARTICIPANT)
    spoke = models.BooleanField(default=False)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="attended_once"),
            models.CheckConstraint(
                condition=models.Q(hours__gte=0, hours__lte=24), name="attendance_hours_0_24"
            ),
        ]
        indexes = [models.Index(fields=["person", "session"])]

    def __str__(self) -> str:
        return f"{self.person} at {self.session}"


class CalendarFeed(models.Model):
    """A private calendar address (webcal) for one person's sessions, or for all of an
    organisation's. Only a hash of its secret is kept; making it again resets it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    # None for the organisation's own feed of every session.
    person = models.OneToOneField(
        "people.Person", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(person__isnull=True),
                name="one_organisation_feed",
            ),
        ]

    def __str__(self) -> str:
        return f"Calendar of {self.person or self.organisation}"
