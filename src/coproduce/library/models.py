"""The public library: case studies told story-first, an A-Z of terms and a toolkit."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import Organisation
from coproduce.core.storage import private_storage


class TagKind(models.TextChoices):
    CO = "co", _("Which Co")
    SERVICE_AREA = "service_area", _("Service area")
    REGION = "region", _("Region")
    POPULATION = "population", _("Who it is with")
    PRINCIPLE = "principle", _("Principles shown")
    OUTCOME = "outcome", _("Outcomes")
    CELL = "cell", _("Who plans and who delivers")


class Tag(models.Model):
    kind = models.CharField(max_length=20, choices=TagKind.choices)
    slug = models.SlugField(max_length=60)
    label = models.CharField(max_length=100)

    class Meta:
        ordering = ["kind", "label"]
        constraints = [models.UniqueConstraint(fields=["kind", "slug"], name="tag_unique")]

    def __str__(self) -> str:
        return self.label


class CaseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for review")
    CHANGES_REQUESTED = "changes_requested", _("Changes asked for")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class CaseStudy(models.Model):
    # The parts of a story that can have a Welsh version, kept in `welsh`.
    WELSH_FIELDS = ("title", "summary", "easy_read")

    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("in one or two sentences"), max_length=400)
    easy_read = models.TextField(_("easy read summary"), blank=True)
    # Welsh for the fields above, keyed by field name (web/welsh.py).
    welsh = models.JSONField(default=dict, blank=True)
    problem = models.TextField(_("what the problem was"))
    who_and_how = models.TextField(_("who was involved, and how"))
    what_changed = models.TextField(_("what changed"))
    cost = models.TextField(_("what it cost"), blank=True)
    learning = models.TextField(_("what others can learn"), blank=True)
    place = models.CharField(_("where"), max_length=120, blank=True)
    source = models.CharField(_("where the story comes from"), max_length=300, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="case_studies")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=20, choices=CaseStatus.choices, default=CaseStatus.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # For stories shared by someone without an account, so a moderator can reply.
    submitter_name = models.CharField(_("your name"), max_length=100, blank=True)
    submitter_email = models.EmailField(_("your email address"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name_plural = "case studies"
        indexes = [models.Index(fields=["status", "published_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:case-study", kwargs={"slug": self.slug})

    def search_text(self) -> dict[str, str]:
        """What the search index holds for this case study, field by field."""
        return {
            "title": self.title,
            "summary": self.summary,
            "body": "\n".join(
                [self.problem, self.who_and_how, self.what_changed, self.cost, self.learning]
            ),
            "tags": " ".join([self.place, *(tag.label for tag in self.tags.all())]),
        }


class StatusChange(models.Model):
    case_study = models.ForeignKey(CaseStudy, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=20, choices=CaseStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=CaseStatus.choices)
    reason = models.CharField(max_length=500, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} -> {self.to_status}"


class QuoteQuerySet(models.QuerySet["Quote"]):
    def shown(self) -> QuoteQuerySet:
        """Quotes that may appear: from a published source, or from a person whose
        agreement to be quoted still stands. Withdrawing it hides the quote from every
        case study at once."""
        from coproduce.people.models import ConsentPurpose

        return self.filter(
            models.Q(person__isnull=True)
            | models.Q(
                person__consents__purpose=ConsentPurpose.QUOTES,
                person__consents__withdrawn_at__isnull=True,
            )
        ).distinct()


class Quote(models.Model):
    case_study = models.ForeignKey(CaseStudy, on_delete=models.CASCADE, related_name="quotes")
    text = models.TextField(_("what they said"))
    speaker = models.CharField(
        _("who said it"), max_length=120, help_text=_("For example: a carer, a young person.")
    )
    # The person quoted, when they are on our records: their agreement to be quoted
    # travels with the quote. Deleting or erasing them deletes the quote.
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    position = models.PositiveSmallIntegerField(default=0)

    objects = QuoteQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.speaker}: {self.text[:40]}"


class Attachment(models.Model):
    """An image or document that goes with a case study. Files are kept privately and
    served by a view, only once the story is published (or to its author and
    moderators before then)."""

    IMAGE, DOCUMENT = "image", "document"

    case_study = models.ForeignKey(CaseStudy, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(max_length=10, choices=[(IMAGE, _("Image")), (DOCUMENT, _("Document"))])
    file = models.FileField(upload_to="library/%Y/%m/", storage=private_storage)
    content_type = models.CharField(max_length=40)
    title = models.CharField(_("title"), max_length=200)
    alt_text = models.CharField(
        _("describe the image for people who cannot see it"), max_length=300, blank=True
    )

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class CreditQuerySet(models.QuerySet["Credit"]):
    def shown(self) -> CreditQuerySet:
        """Names that may appear: a person on our records only while they agree to be
        named; anyone else, or an organisation, once their agreement is recorded."""
        from coproduce.people.models import ConsentPurpose

        return self.filter(
            models.Q(person__isnull=True, agreed_on__isnull=False)
            | models.Q(
                person__consents__purpose=ConsentPurpose.NAMED,
                person__consents__withdrawn_at__isnull=True,
            )
        ).distinct()


class Credit(models.Model):
    """A person or organisation named as taking part, with their agreement."""

    case_study = models.ForeignKey(CaseStudy, on_delete=models.CASCADE, related_name="credits")
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("their part in it"), max_length=200, blank=True)
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    agreed_on = models.DateField(_("date they agreed to be named"), null=True, blank=True)

    objects = CreditQuerySet.as_manager()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class GlossaryTerm(models.Model):
    term = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    definition = models.TextField()
    framework_key = models.CharField(
        max_length=60, blank=True, help_text=_("A framework in the library this term comes from.")
    )
    # Other names for it: abbreviations, older words, words run together. A search
    # for any of them finds the others (library/synonyms.py).
    also_called = models.JSONField(default=list, blank=True)
    # Welsh for the fields above, keyed by field name (web/welsh.py).
    welsh = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["term"]

    def __str__(self) -> str:
        return self.term

    @property
    def letter(self) -> str:
        return self.term[:1].upper()


class ToolkitSection(models.TextChoices):
    CONTEXT = "context", _("Context")
    MODELS = "models", _("Models")
    PRINCIPLES = "principles", _("Principles")
    PROCESSES = "processes", _("Processes")
    METHODS = "methods", _("Methods")
    ROLES = "roles", _("Roles")
    EXAMPLES = "examples", _("Examples")
    TALKING_POINTS = "talking_points", _("Talking points")


class ToolkitPage(models.Model):
    section = models.CharField(max_length=20, choices=ToolkitSection.choices)
    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=200)
    body = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)
    # Welsh for the fields above, keyed by field name (web/welsh.py).
    welsh = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["section", "position", "id"]

    def __str__(self) -> str:
        return self.title
