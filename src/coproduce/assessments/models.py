"""Self-assessment and peer review against a framework's statements, in rounds over time."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import Organisation
from coproduce.frameworks.models import FrameworkItem, Statement, StatementSet


class Scale(models.Model):
    """A rating scale with a descriptor for every point. No organisation: the default scale."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="scales"
    )
    name = models.CharField(max_length=100)

    def __str__(self) -> str:
        return self.name


class ScalePoint(models.Model):
    scale = models.ForeignKey(Scale, on_delete=models.CASCADE, related_name="points")
    value = models.PositiveSmallIntegerField()
    label = models.CharField(max_length=60)
    descriptor = models.CharField(max_length=300)
    # The same point in easy read: short, one idea, everyday words.
    easy_read = models.CharField(max_length=200, blank=True)
    # Welsh for the fields above, keyed by field name (web/welsh.py).
    welsh = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["value"]
        constraints = [models.UniqueConstraint(fields=["scale", "value"], name="scale_value_once")]

    def __str__(self) -> str:
        return f"{self.value}: {self.label}"


class LevelThreshold(models.Model):
    """An organisation's named level, reached when the overall mean is at least `minimum`."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="level_thresholds"
    )
    name = models.CharField(max_length=60)
    minimum = models.DecimalField(max_digits=4, decimal_places=2)

    class Meta:
        ordering = ["minimum"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="level_name_once"),
        ]

    def __str__(self) -> str:
        return f"{self.name} (from {self.minimum})"


DEFAULT_LEVELS = [
    ("Starting out", Decimal("0")),
    ("Developing", Decimal("1.5")),
    ("Embedded", Decimal("2.5")),
    ("Gold standard", Decimal("3.5")),
]


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Getting ready")
    OPEN = "open", _("Open for answers")
    CLOSED = "closed", _("Closed")


class Assessment(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="assessments"
    )
    title = models.CharField(_("title"), max_length=200)
    subject = models.CharField(
        _("what is being assessed"),
        max_length=200,
        help_text=_("The whole organisation, or one initiative or service."),
    )
    statement_set = models.ForeignKey(StatementSet, on_delete=models.PROTECT, related_name="+")
    scale = models.ForeignKey(Scale, on_delete=models.PROTECT, related_name="+")
    previous = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="next_rounds"
    )
    round_number = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(
        max_length=10, choices=AssessmentStatus.choices, default=AssessmentStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.title} (round {self.round_number})"

    def get_absolute_url(self) -> str:
        return reverse(
            "assessments:assessment-detail",
            kwargs={"org_slug": self.organisation.slug, "pk": self.pk},
        )


class RespondentGroup(models.TextChoices):
    STAFF = "staff", _("Staff")
    CO_PRODUCER = "co_producer", _("Co-producers")
    COMMUNITY_PARTNER = "community_partner", _("Community partners")
    COMMISSIONER = "commissioner", _("Commissioners")
    PEER_REVIEWER = "peer_reviewer", _("Peer reviewers")


class Respondent(models.Model):
    """Someone answering an assessment, through a private link or signed in."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="respondents")
    group = models.CharField(_("group"), max_length=20, choices=RespondentGroup.choices)
    # Shown in results and exports instead of a name.
    label = models.CharField(max_length=60)
    person = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessment_responses",
    )
    reviewer_organisation = models.CharField(max_length=200, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    # The one reminder carries a second secret for the same link (only its hash kept).
    reminder_token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    link_expires_at = models.DateTimeField(null=True, blank=True)
    one_per_screen = models.BooleanField(default=True)
    easy_read = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["group", "id"]
        indexes = [models.Index(fields=["assessment", "group"])]

    def __str__(self) -> str:
        return self.label

    @property
    def counts(self) -> bool:
        """Whether this respondent's answers count in the results."""
        return self.submitted_at is not None and self.withdrawn_at is None


class Answer(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    respondent = models.ForeignKey(Respondent, on_delete=models.CASCADE, related_name="answers")
    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="+")
    # Empty when the answer is "don't know", which is never the same as 0.
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    dont_know = models.BooleanField(default=False)
    evidence = models.TextField(blank=True)
    # A link to something that shows it: minutes, a report, a page, a shared folder.
    evidence_link = models.URLField(max_length=500, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["respondent", "statement"], name="one_answer_each"),
            models.CheckConstraint(
                condition=Q(dont_know=True, score__isnull=True)
                | Q(dont_know=False, score__isnull=False),
                name="score_or_dont_know",
            ),
        ]
        indexes = [models.Index(fields=["statement", "respondent"])]

    def __str__(self) -> str:
        return "Don't know" if self.dont_know else str(self.score)


class ModeratedScore(models.Model):
    """The score agreed after comparing views, with the reasons they differed."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="moderated_scores"
    )
    item = models.ForeignKey(FrameworkItem, on_delete=models.PROTECT, related_name="+")
    agreed_score = models.DecimalField(max_digits=4, decimal_places=2)
    reason = models.TextField()
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    moderated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item"], name="one_agreed_score"),
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.agreed_score}"


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class ActionQuerySet(models.QuerySet["Action"]):
    def open(self) -> ActionQuerySet:
        return self.exclude(status=ActionStatus.DONE)


class Action(models.Model):
    """Something to do about a weak principle; carried into the next round until done."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="actions")
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="actions")
    item = models.ForeignKey(
        FrameworkItem, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    title = models.CharField(_("what will be done"), max_length=300)
    owner = models.CharField(_("who will do it"), max_length=200)
    due_on = models.DateField(_("by when"), null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    carried_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.title
