"""Documents, the passages in them, the codebook, and who coded what."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import Organisation
from coproduce.evidence.extract import SPEAKER_LABEL
from coproduce.evidence.fields import initiative_link, made_by


class DocumentKind(models.TextChoices):
    TRANSCRIPT = "transcript", _("Interview or group transcript")
    NOTES = "notes", _("Meeting or session notes")
    QUOTES = "quotes", _("Quotes gathered")


class Document(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="evidence_documents"
    )
    initiative = initiative_link()
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=DocumentKind.choices)
    text = models.TextField()
    file_name = models.CharField(max_length=200, blank=True)
    created_by = made_by()
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
