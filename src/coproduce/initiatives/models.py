"""Initiatives: the co-production work itself, its team, and its planning tools."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import Organisation
from coproduce.frameworks.models import Framework, FrameworkItem
from coproduce.initiatives import planning


class ServiceArea(models.TextChoices):
    MENTAL_HEALTH = "mental_health", _("Mental health")
    ADULT_SOCIAL_CARE = "adult_social_care", _("Adult social care")
    PUBLIC_HEALTH = "public_health", _("Public health")
    CHILDREN_FAMILIES = "children_families", _("Children and families")
    HOUSING = "housing", _("Housing and homelessness")
    CRIMINAL_JUSTICE = "criminal_justice", _("Criminal justice")
    OTHER = "other", _("Other")


class InitiativeStatus(models.TextChoices):
    IDEA = "idea", _("An idea")
    ACTIVE = "active", _("Under way")
    PAUSED = "paused", _("Paused")
    FINISHED = "finished", _("Finished")


class Who(models.TextChoices):
    PROFESSIONAL = "professional", _("Professionals")
    SHARED = "shared", _("Professionals and people together")
    COMMUNITY = "community", _("People and communities")


class Participation(models.TextChoices):
    NOMINAL = "nominal", _("Nominal: people are included in name")
    INSTRUMENTAL = "instrumental", _("Instrumental: people take part in others' plans")
    TRANSFORMATIVE = "transformative", _("Transformative: taking part shifts power")


class Level(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    SERVICE = "service", _("Service")
    SYSTEM = "system", _("System")


class Initiative(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="initiatives"
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    service_area = models.CharField(_("service area"), max_length=30, choices=ServiceArea.choices)
    partners = models.ManyToManyField(
        Organisation, related_name="partner_initiatives", blank=True, verbose_name=_("partners")
    )
    starts_on = models.DateField(_("start date"), null=True, blank=True)
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=InitiativeStatus.choices, default=InitiativeStatus.IDEA
    )
    stage_framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="+")
    stage = models.ForeignKey(
        FrameworkItem, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Who plans and who delivers (Bovaird), how deep participation goes (White), and where.
    planning = models.CharField(_("who plans"), max_length=15, choices=Who.choices, blank=True)
    delivery = models.CharField(_("who delivers"), max_length=15, choices=Who.choices, blank=True)
    participation = models.CharField(
        _("participation"), max_length=15, choices=Participation.choices, blank=True
    )
    level = models.CharField(_("level"), max_length=12, choices=Level.choices, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="initiative_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "initiatives:initiative-detail",
            kwargs={"org_slug": self.organisation.slug, "pk": self.pk},
        )

    @property
    def bovaird_cell(self) -> str | None:
        return planning.bovaird_cell(self.planning, self.delivery)


class TeamRole(models.TextChoices):
    FACILITATOR = "facilitator", _("Facilitator")
    CATALYST = "catalyst", _("Catalyst")
    CONNECTOR = "connector", _("Connector")
    CO_CHAIR = "co_chair", _("Co-chair")
    CHAMPION = "champion", _("Champion")


class TeamMember(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="team")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=15, choices=TeamRole.choices)
    joined_on = models.DateField(default=timezone.localdate)
    left_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "person", "role"],
                condition=Q(left_on__isnull=True),
                name="one_current_role_each",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class Attitude(models.TextChoices):
    SUPPORTIVE = "supportive", _("Supportive")
    NEUTRAL = "neutral", _("Neutral")
    OPPOSED = "opposed", _("Opposed")
    UNKNOWN = "unknown", _("Not known yet")


class Stakeholder(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="stakeholders"
    )
    name = models.CharField(_("who"), max_length=200)
    high_power = models.BooleanField(_("high power"))
    high_influence = models.BooleanField(_("high influence"))
    attitude = models.CharField(
        _("attitude"), max_length=12, choices=Attitude.choices, default=Attitude.UNKNOWN
    )
    involved = models.BooleanField(_("involved so far"), default=False)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-high_power", "-high_influence", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def quadrant(self) -> planning.Quadrant:
        return planning.stakeholder_quadrant(
            high_power=self.high_power, high_influence=self.high_influence
        )

    @property
    def left_out(self) -> bool:
        return planning.left_out_warning(
            high_power=self.high_power, high_influence=self.high_influence, involved=self.involved
        )


RATING = [MinValueValidator(planning.RATING_MIN), MaxValueValidator(planning.RATING_MAX)]


class Priority(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="priorities")
    title = models.CharField(_("activity"), max_length=200)
    impact = models.PositiveSmallIntegerField(_("impact"), validators=RATING)
    effort = models.PositiveSmallIntegerField(_("effort"), validators=RATING)
    significant_spend = models.BooleanField(_("involves significant spend"), default=False)

    class Meta:
        ordering = ["-impact", "effort", "title"]
        verbose_name_plural = "priorities"
        constraints = [
            models.CheckConstraint(condition=Q(impact__gte=1, impact__lte=4), name="impact_1_4"),
            models.CheckConstraint(condition=Q(effort__gte=1, effort__lte=4), name="effort_1_4"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def quadrant(self) -> planning.Quadrant:
        return planning.priority_quadrant(impact=self.impact, effort=self.effort)


class Charter(models.Model):
    """What partners promise each other, agreed at a first meeting and printable."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    initiative = models.OneToOneField(Initiative, on_delete=models.CASCADE, related_name="charter")
    roles = models.TextField(_("who does what"), blank=True)
    commitments = models.TextField(_("what we promise each other"), blank=True)
    recognition = models.TextField(_("how people's time is recognised"), blank=True)
    time_limits = models.TextField(_("how long and how often"), blank=True)
    insurance = models.TextField(_("insurance and safety"), blank=True)
    voluntariness = models.TextField(_("taking part is a choice"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"Charter for {self.initiative}"


class CoverageClaim(models.Model):
    """An initiative's own account of which Co's and sub-types it covers, beside what its
    sessions show."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="coverage")
    item = models.ForeignKey(FrameworkItem, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["initiative", "item"], name="coverage_claim_once"),
        ]

    def __str__(self) -> str:
        return f"{self.initiative}: {self.item}"
