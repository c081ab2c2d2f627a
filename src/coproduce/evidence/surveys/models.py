"""Surveys, their questions, and the answers people give."""

from __future__ import annotations

import secrets

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import Organisation
from coproduce.evidence.fields import initiative_link, made_by

# The five points of an agree-or-disagree question, strongest disagreement first.
AGREE_SCALE = [
    ("strongly_disagree", _("Strongly disagree")),
    ("disagree", _("Disagree")),
    ("neither", _("Neither agree nor disagree")),
    ("agree", _("Agree")),
    ("strongly_agree", _("Strongly agree")),
]
AGREEING = ("agree", "strongly_agree")


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Being written")
    OPEN = "open", _("Open for answers")
    CLOSED = "closed", _("Closed")


def _survey_key() -> str:
    return secrets.token_urlsafe(12)


class Survey(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="surveys")
    initiative = initiative_link()
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
    # People's own words can say more than they meant to share: viewers (commissioners)
    # and evidence packs show them only when the survey's coordinator says so.
    share_words = models.BooleanField(
        _("Show people's own words to viewers and in evidence packs"), default=False
    )
    created_by = made_by()
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
    entered_by = made_by()
    # Through the open link: a keyed hash of the device (address and browser), never the
    # address itself, so that several answers from one device can be flagged.
    device = models.CharField(max_length=16, blank=True, db_index=True)

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


class SurveyLink(models.Model):
    """One person's own link to a survey. It takes one response; only its hash is kept."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="links")
    person = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    # The one reminder carries a second secret for the same link (only its hash kept):
    # the first message's link keeps working too.
    reminder_token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    response = models.OneToOneField(
        SurveyResponse, on_delete=models.SET_NULL, null=True, blank=True, related_name="link"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "person"], name="one_link_a_person"),
        ]

    def __str__(self) -> str:
        return f"Link to {self.survey} for {self.person}"
