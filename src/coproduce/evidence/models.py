"""Evidence of value: indicators and their figures, outcomes, surveys, coded words, costs
and benefits. Everything an organisation records here belongs to it (`organisation`)."""

from __future__ import annotations

import secrets
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import Organisation
from coproduce.evidence.extract import SPEAKER_LABEL


def _made_by() -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )


def _initiative() -> models.ForeignKey:
    return models.ForeignKey(
        "initiatives.Initiative",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("initiative (optional)"),
    )


class EvidenceSettings(models.Model):
    """An organisation's own thresholds for the data quality checks."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="evidence_settings"
    )
    # A "not recorded" share above this (in per cent) is flagged: 47% missing
    # ethnicity is the kind of gap commissioners need to see (001:L170).
    not_recorded_threshold = models.DecimalField(
        max_digits=5, decimal_places=2, default=Decimal(10)
    )

    def __str__(self) -> str:
        return f"Evidence settings for {self.organisation}"


# -- Indicators and observations ------------------------------------------------------


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")
    NEITHER = "neither", _("Neither: it describes who we reach")


class Indicator(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="indicators"
    )
    initiative = _initiative()
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("what it counts, and where the figures come from"), blank=True)
    unit = models.CharField(
        _("unit"), max_length=60, help_text=_("For example: referrals, people.")
    )
    direction = models.CharField(
        _("which way is good"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    baseline = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    created_by = _made_by()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="indicator_name_once"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "evidence:indicator-detail", kwargs={"org_slug": self.organisation.slug, "pk": self.pk}
        )


class Period(models.Model):
    """A stretch of time figures are reported for: a quarter, a year, a reporting period."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="periods")
    label = models.CharField(_("label"), max_length=60)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))

    class Meta:
        ordering = ["starts_on", "label"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "label"], name="period_label_once"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="period_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1


class Observation(models.Model):
    """One figure: an indicator's value for a period, for one category of one breakdown
    (referral source: GP), or the headline figure when the breakdown is empty."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="observations")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="observations")
    dimension = models.CharField(_("breakdown"), max_length=60, blank=True)
    category = models.CharField(_("category"), max_length=120, blank=True)
    value = models.DecimalField(_("figure"), max_digits=14, decimal_places=2)
    # The share as it was published beside the count, kept to check one against the other.
    stated_share = models.DecimalField(
        _("share as published (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    # A total as it was published, checked against the sum of its parts.
    is_total = models.BooleanField(_("stated total"), default=False)
    recorded_by = _made_by()
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["indicator", "period", "dimension", "is_total", "-value", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period", "dimension", "category"],
                name="observation_once_per_breakdown",
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="observation_not_negative"),
            models.CheckConstraint(
                condition=Q(stated_share__isnull=True)
                | Q(stated_share__gte=0, stated_share__lte=100),
                name="stated_share_is_a_percentage",
            ),
        ]
        indexes = [models.Index(fields=["indicator", "period"])]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period} {self.category or 'all'}: {self.value}"


# -- Outcomes ---------------------------------------------------------------------------


class SelfReported(models.TextChoices):
    MUCH_WORSE = "much_worse", _("Much worse")
    WORSE = "worse", _("A bit worse")
    SAME = "same", _("About the same")
    BETTER = "better", _("A bit better")
    MUCH_BETTER = "much_better", _("Much better")


class OutcomeRecord(models.Model):
    """A change for a person or an initiative, tagged to one item of an outcome framework."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    initiative = _initiative()
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    item = models.ForeignKey(
        "frameworks.FrameworkItem",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("outcome"),
    )
    # Scores from 1 to 10, as people rate themselves or as agreed with them.
    baseline = models.PositiveSmallIntegerField(_("score at the start"), null=True, blank=True)
    follow_up = models.PositiveSmallIntegerField(_("score at follow-up"), null=True, blank=True)
    self_reported = models.CharField(
        _("in their own words, things are"),
        max_length=12,
        choices=SelfReported.choices,
        blank=True,
    )
    note = models.TextField(_("what changed"), blank=True)
    recorded_on = models.DateField(_("date"), default=timezone.localdate)
    recorded_by = _made_by()

    class Meta:
        ordering = ["-recorded_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(baseline__isnull=True) | Q(baseline__gte=1, baseline__lte=10))
                & (Q(follow_up__isnull=True) | Q(follow_up__gte=1, follow_up__lte=10)),
                name="outcome_scores_1_to_10",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item} on {self.recorded_on}"


# -- Surveys ------------------------------------------------------------------------------


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Being written")
    OPEN = "open", _("Open for answers")
    CLOSED = "closed", _("Closed")


def _survey_key() -> str:
    return secrets.token_urlsafe(12)


class Survey(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="surveys")
    initiative = _initiative()
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("what to tell people first"), blank=True)
    status = models.CharField(
        max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    # How many people were given the survey: the denominator of the response rate.
    sent_count = models.PositiveIntegerField(_("how many people were given it"), default=0)
    # The link people answer through. It is shared openly (community groups hand it on),
    # so it is stored as it is, not hashed like a sign-in secret.
    key = models.CharField(max_length=32, unique=True, default=_survey_key)
    created_by = _made_by()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "evidence:survey-detail", kwargs={"org_slug": self.organisation.slug, "pk": self.pk}
        )


class QuestionKind(models.TextChoices):
    AGREE = "agree", _("Agree or disagree (five points)")
    CHOICE = "choice", _("Choose one")
    TEXT = "text", _("In their own words")


# The five points of an agree-or-disagree question, strongest disagreement first.
AGREE_SCALE = [
    ("strongly_disagree", _("Strongly disagree")),
    ("disagree", _("Disagree")),
    ("neither", _("Neither agree nor disagree")),
    ("agree", _("Agree")),
    ("strongly_agree", _("Strongly agree")),
]
AGREEING = ("agree", "strongly_agree")


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("kind of question"), max_length=10, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=300)
    choices = models.JSONField(_("choices"), default=list, blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text

    def options(self) -> list[tuple[str, str]]:
        if self.kind == QuestionKind.AGREE:
            return [(key, str(label)) for key, label in AGREE_SCALE]
        return [(choice, choice) for choice in self.choices]


class SurveyResponse(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    submitted_at = models.DateTimeField(default=timezone.now)
    # Every question answered; a response that skips some still counts as a response.
    is_complete = models.BooleanField(default=False)
    # Entered by a coordinator from a paper form.
    entered_by = _made_by()

    class Meta:
        ordering = ["submitted_at", "id"]

    def __str__(self) -> str:
        return f"Response {self.pk} to {self.survey}"


class SurveyAnswer(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choice = models.CharField(max_length=200, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_a_question"),
        ]

    def __str__(self) -> str:
        return self.choice or self.text[:40]


# -- Qualitative evidence -----------------------------------------------------------------


class DocumentKind(models.TextChoices):
    TRANSCRIPT = "transcript", _("Interview or group transcript")
    NOTES = "notes", _("Meeting or session notes")
    QUOTES = "quotes", _("Quotes gathered")


class Document(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="evidence_documents"
    )
    initiative = _initiative()
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=DocumentKind.choices)
    text = models.TextField()
    file_name = models.CharField(max_length=200, blank=True)
    created_by = _made_by()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "evidence:document-detail", kwargs={"org_slug": self.organisation.slug, "pk": self.pk}
        )


class Code(models.Model):
    """A theme in the organisation's codebook: from a framework item, or its own."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="codes")
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("what it covers"), blank=True)
    item = models.ForeignKey(
        "frameworks.FrameworkItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="code_name_once"),
        ]

    def __str__(self) -> str:
        return self.name


class SpeakerGroup(models.TextChoices):
    CO_PRODUCER = "co_producer", _("Co-producer")
    COMMUNITY_PARTNER = "community_partner", _("Community partner")
    FAMILY = "family", _("Family member or carer")
    STAFF = "staff", _("Staff")
    COMMISSIONER = "commissioner", _("Commissioner")
    OTHER = "other", _("Someone else")


class Excerpt(models.Model):
    """A passage of a document, coded on its own."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="excerpts")
    position = models.PositiveIntegerField(default=0)
    text = models.TextField()
    speaker_group = models.CharField(
        _("who said it"), max_length=20, choices=SpeakerGroup.choices, blank=True
    )
    # When the speaker is on our records, their agreement to be quoted comes from there
    # and is checked every time the quote is shown; withdrawing it hides the quote.
    person = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # For a speaker not on our records: agreement recorded when the words were gathered.
    agreed_to_quote = models.BooleanField(_("agreed to be quoted"), default=False)

    class Meta:
        ordering = ["document", "position", "id"]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def words(self) -> str:
        """What was said, without the speaker's label: the label is often a name, and a
        quote in a report or case study must not carry it."""
        return SPEAKER_LABEL.sub("", self.text, count=1)


class Coding(models.Model):
    """One coder applying one code to one excerpt."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    excerpt = models.ForeignKey(Excerpt, on_delete=models.CASCADE, related_name="codings")
    code = models.ForeignKey(Code, on_delete=models.CASCADE, related_name="codings")
    coder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["excerpt", "code", "coder"], name="code_an_excerpt_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} on excerpt {self.excerpt_id}"


class Review(models.Model):
    """A coder has read an excerpt and decided its codes, which may be none: agreement
    between coders counts "no code" as a decision only once the excerpt is reviewed."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    excerpt = models.ForeignKey(Excerpt, on_delete=models.CASCADE, related_name="reviews")
    coder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reviewed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["excerpt", "coder"], name="review_once_per_coder"),
        ]

    def __str__(self) -> str:
        return f"Excerpt {self.excerpt_id} reviewed"


# -- Value for money ----------------------------------------------------------------------


class BenefitKind(models.TextChoices):
    CASHABLE = "cashable", _("Cashable: money that can be taken out of a budget")
    NON_CASHABLE = "non_cashable", _("Non-cashable: time or capacity freed up")
    NOTIONAL = "notional", _("Notional: costs avoided or value to people")


class Confidence(models.TextChoices):
    HIGH = "high", _("High: measured")
    MEDIUM = "medium", _("Medium: estimated from good data")
    LOW = "low", _("Low: a reasoned guess")


class CostLine(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="+"
    )
    description = models.CharField(_("what it paid for"), max_length=200)
    # People's time at a stated rate, or a sum of money; the amount is kept in pence.
    hours = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    hourly_rate_pence = models.PositiveIntegerField(null=True, blank=True)
    amount_pence = models.PositiveBigIntegerField()
    created_by = _made_by()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.description


class BenefitLine(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="+"
    )
    description = models.CharField(_("what the benefit is"), max_length=200)
    amount_pence_per_year = models.PositiveBigIntegerField()
    years = models.PositiveSmallIntegerField(_("for how many years"), default=1)
    kind = models.CharField(_("kind of benefit"), max_length=12, choices=BenefitKind.choices)
    confidence = models.CharField(_("confidence"), max_length=6, choices=Confidence.choices)
    source = models.CharField(_("where the figure comes from"), max_length=300)
    created_by = _made_by()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(years__gte=1, years__lte=10), name="benefit_years_1_to_10"
            ),
        ]

    def __str__(self) -> str:
        return self.description


class Assumption(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="+"
    )
    text = models.CharField(_("assumption"), max_length=400)
    source = models.CharField(_("based on"), max_length=300, blank=True)
    created_by = _made_by()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text
