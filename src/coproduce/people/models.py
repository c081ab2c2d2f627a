"""People involved in co-production, with or without a login, and their consents."""

from __future__ import annotations

import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import Organisation


class ContactPreference(models.TextChoices):
    EMAIL = "email", _("Email")
    PHONE = "phone", _("Phone call")
    TEXT = "text", _("Text message")
    POST = "post", _("Letter")
    IN_PERSON = "in_person", _("In person, through their coordinator")


class RecognitionPreference(models.TextChoices):
    NOT_ASKED = "not_asked", _("Not asked yet")
    TIME_CREDITS = "time_credits", _("Time credits")
    PAYMENT = "payment", _("Payment")
    VOUCHERS = "vouchers", _("Vouchers")
    NONE = "none", _("No recognition, thank you")


class AccessNeedKind(models.TextChoices):
    EASY_READ = "easy_read", _("Easy read information")
    LARGE_PRINT = "large_print", _("Large print")
    BSL = "bsl", _("British Sign Language interpreter")
    INTERPRETER = "interpreter", _("Spoken language interpreter")
    HEARING_LOOP = "hearing_loop", _("Hearing loop")
    STEP_FREE = "step_free", _("Step-free access")
    QUIET_SPACE = "quiet_space", _("Quiet space")
    SUPPORT_WORKER = "support_worker", _("Brings a support worker")


class PersonQuerySet(models.QuerySet["Person"]):
    def choosable(self, organisation: Organisation | int) -> PersonQuerySet:
        """The organisation's people who can be picked in a form: erased people are
        records of what happened, never someone to choose again."""
        return self.filter(organisation=organisation, erased_at__isnull=True)

    def search(self, text: str) -> PersonQuerySet:
        text = text.strip()
        if not text:
            return self
        return self.filter(
            Q(preferred_name__icontains=text)
            | Q(full_name__icontains=text)
            | Q(email__icontains=text)
        )

    def with_access_need(self, kind: str) -> PersonQuerySet:
        return self.filter(access_needs__kind=kind)


# A language recorded as Welsh, in whichever way it was written down.
WELSH = re.compile(r"^\s*(cy|welsh|cymraeg)\b", re.IGNORECASE)


class Person(models.Model):
    """Someone involved in co-production. Most people never log in."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="people")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person_records",
        db_index=False,  # indexed below, on the records that have a login only
    )
    preferred_name = models.CharField(_("preferred name"), max_length=100)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    pronouns = models.CharField(_("pronouns"), max_length=40, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    postal_address = models.TextField(
        _("postal address"),
        blank=True,
        help_text=_("One line each, with the postcode on the last line. Needed for letters."),
    )
    contact_preference = models.CharField(
        _("best way to get in touch"),
        max_length=20,
        choices=ContactPreference.choices,
        default=ContactPreference.IN_PERSON,
    )
    preferred_language = models.CharField(_("preferred language"), max_length=60, blank=True)
    access_notes = models.TextField(_("anything else that helps them take part"), blank=True)
    recognition_preference = models.CharField(
        _("how they would like to be recognised"),
        max_length=20,
        choices=RecognitionPreference.choices,
        default=RecognitionPreference.NOT_ASKED,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Set when the person asked to be forgotten: the record stays as an empty shell so
    # that attendance, outcomes and the ledger still add up.
    erased_at = models.DateTimeField(null=True, blank=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["preferred_name", "id"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"],
                condition=Q(user__isnull=False),
                name="one_person_record_per_login_per_org",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "preferred_name"]),
            # Most people never sign in, so nearly every `user` is empty. An index over
            # every row made SQLite judge it useless and read the whole table to find a
            # login's records (5 ms a page at national scale); this one holds the few.
            models.Index(
                fields=["user"], name="person_with_login", condition=Q(user__isnull=False)
            ),
        ]

    def __str__(self) -> str:
        return self.preferred_name

    def get_absolute_url(self) -> str:
        return reverse(
            "people:person-detail", kwargs={"org_slug": self.organisation.slug, "pk": self.pk}
        )

    @property
    def language_code(self) -> str:
        """The language we write to them in: Welsh if they asked for it, else English."""
        return "cy" if WELSH.match(self.preferred_language or "") else "en"

    @property
    def has_login(self) -> bool:
        return self.user_id is not None


class AccessNeed(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="access_needs")
    kind = models.CharField(max_length=20, choices=AccessNeedKind.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "kind"], name="access_need_once"),
        ]
        indexes = [models.Index(fields=["kind", "person"])]

    def __str__(self) -> str:
        return self.get_kind_display()


class ConsentPurpose(models.TextChoices):
    SPECIAL_CATEGORY = "special_category", _("Keeping equality and lived-experience information")
    CONTACT = "contact", _("Getting in touch about opportunities")
    QUOTES = "quotes", _("Using their words in reports and case studies")
    PHOTOS = "photos", _("Using photographs")
    NAMED = "named", _("Being named in case studies")


class ConsentQuerySet(models.QuerySet["Consent"]):
    def active(self) -> ConsentQuerySet:
        return self.filter(withdrawn_at__isnull=True)


class Consent(models.Model):
    """A person's agreement to one purpose, when it was given, who recorded it, and if withdrawn."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(
        _("what they agreed to"), max_length=30, choices=ConsentPurpose.choices
    )
    given_on = models.DateField(_("date they agreed"))
    how_given = models.CharField(_("how they agreed"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-given_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "purpose"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_active_consent_per_purpose",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.person})"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class Ethnicity(models.TextChoices):
    # The five broad groups of the 2021 Census for England and Wales.
    ASIAN = "asian", _("Asian or Asian British")
    BLACK = "black", _("Black, Black British, Caribbean or African")
    MIXED = "mixed", _("Mixed or multiple ethnic groups")
    WHITE = "white", _("White")
    OTHER = "other", _("Another ethnic group")
    PREFER_NOT = "prefer_not", _("Prefers not to say")


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    NON_BINARY = "non_binary", _("Non-binary")
    SELF_DESCRIBED = "self_described", _("Describes it another way")
    PREFER_NOT = "prefer_not", _("Prefers not to say")


class AgeBand(models.TextChoices):
    UNDER_18 = "under_18", _("Under 18")
    A18_24 = "18_24", _("18 to 24")
    A25_34 = "25_34", _("25 to 34")
    A35_44 = "35_44", _("35 to 44")
    A45_54 = "45_54", _("45 to 54")
    A55_64 = "55_64", _("55 to 64")
    A65_74 = "65_74", _("65 to 74")
    A75_PLUS = "75_plus", _("75 or over")
    PREFER_NOT = "prefer_not", _("Prefers not to say")


class Disability(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    PREFER_NOT = "prefer_not", _("Prefers not to say")


class LivedExperience(models.TextChoices):
    MENTAL_HEALTH = "mental_health", _("Mental health")
    SUBSTANCE_USE = "substance_use", _("Drug or alcohol use")
    HOMELESSNESS = "homelessness", _("Homelessness")
    CRIMINAL_JUSTICE = "criminal_justice", _("The criminal justice system")
    DOMESTIC_ABUSE = "domestic_abuse", _("Domestic abuse")
    CARING = "caring", _("Being an unpaid carer")
    LEARNING_DISABILITY = "learning_disability", _("Learning disability")
    PHYSICAL_HEALTH = "physical_health", _("Long-term physical health condition")
    SOCIAL_CARE = "social_care", _("Using adult social care")
    CARE_EXPERIENCED = "care_experienced", _("Growing up in care")


SPECIAL_CATEGORY_FIELDS = (
    "ethnicity",
    "gender",
    "gender_description",
    "age_band",
    "disability",
    "lived_experience",
)


class SpecialCategoryData(models.Model):
    """Equality and lived-experience information, kept only while consent is active.

    Separate from Person so that it is read only where a role needs it, every
    read can be audited, and erasure or withdrawal removes one row.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="special_category")
    consent = models.ForeignKey(Consent, on_delete=models.PROTECT, related_name="+")
    ethnicity = models.CharField(
        _("ethnic group"), max_length=20, choices=Ethnicity.choices, blank=True
    )
    gender = models.CharField(_("gender"), max_length=20, choices=Gender.choices, blank=True)
    gender_description = models.CharField(
        _("how they describe their gender"), max_length=60, blank=True
    )
    age_band = models.CharField(_("age"), max_length=20, choices=AgeBand.choices, blank=True)
    disability = models.CharField(
        _("disabled"), max_length=20, choices=Disability.choices, blank=True
    )
    # A list of LivedExperience values.
    lived_experience = models.JSONField(_("lived experience"), default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Equality information for person {self.person_id}"

    def lived_experience_labels(self) -> list[str]:
        labels = dict(LivedExperience.choices)
        return [str(labels.get(value, value)) for value in self.lived_experience]


class ImportStep(models.TextChoices):
    MATCHING = "matching", _("Matching columns")
    CHECKING = "checking", _("Checking")
    RUNNING = "running", _("Importing")
    DONE = "done", _("Imported")


class PeopleImport(models.Model):
    """A spreadsheet of people being brought in: its cells, which column holds what, and,
    once imported, what happened. Nothing reaches the people list until it is imported,
    all at once."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    filename = models.CharField(max_length=200)
    headers = models.JSONField(default=list)
    # The rows as they were read: a list of [row number, [cells]].
    rows = models.JSONField(default=list)
    # Our field name -> the column it is read from.
    columns = models.JSONField(default=dict)
    step = models.CharField(max_length=10, choices=ImportStep.choices, default=ImportStep.MATCHING)
    report = models.JSONField(default=dict, blank=True)
    # A large file imports in the background: what to do with each possible duplicate,
    # who asked, and how far it has got.
    choices = models.JSONField(default=dict, blank=True)
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    progress = models.PositiveSmallIntegerField(default=0)
    progress_step = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.filename
