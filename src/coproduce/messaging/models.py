"""The outbox: every message to a person, saved with the change that causes it and
sent afterwards by the background worker, so a provider being down never loses one."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import Organisation


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    TEXT = "text", _("Text message")
    LETTER = "letter", _("Letter")
    IN_PERSON = "in_person", _("Tell in person")


class Status(models.TextChoices):
    QUEUED = "queued", _("Waiting to send")
    SENT = "sent", _("Sent")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Not delivered")
    STOPPED = "stopped", _("Not sent: they asked to stop these")
    TO_TELL = "to_tell", _("To tell in person")
    TOLD = "told", _("Told in person")


class Topic(models.TextChoices):
    """What a person can stop: every kind of message belongs to one."""

    ACCOUNT = "account", _("their account")
    SESSIONS = "sessions", _("sessions they are invited to")
    UPDATES = "updates", _("what happened to what they raised")
    SURVEYS = "surveys", _("surveys about how things went")
    OPPORTUNITIES = "opportunities", _("new chances to get involved")
    STATEMENTS = "statements", _("a monthly statement of their recognition")
    # Answers to something they asked for themselves, which cannot be stopped.
    ANSWERS = "answers", _("answers to what they asked")


# The kinds of message a person cannot stop: they asked for these.
UNSTOPPABLE = {Topic.ACCOUNT, Topic.ANSWERS}


class Kind(models.TextChoices):
    ACCOUNT = "account", _("About their account")
    SESSION_INVITATION = "session_invitation", _("Invitation to a session")
    SESSION_UPDATE = "session_update", _("A session has changed")
    SESSION_CANCELLED = "session_cancelled", _("A session is cancelled")
    SESSION_REMINDER = "session_reminder", _("Reminder of a session")
    CALENDAR_LINK = "calendar_link", _("Their own calendar link")
    INFLUENCE_UPDATE = "influence_update", _("What happened to what they raised")
    SURVEY_LINK = "survey_link", _("Their own link to a survey")
    SURVEY_REMINDER = "survey_reminder", _("A reminder to answer a survey")
    ASSESSMENT_LINK = "assessment_link", _("Their own link to a self-assessment")
    ASSESSMENT_REMINDER = "assessment_reminder", _("A reminder to answer a self-assessment")
    OPPORTUNITY = "opportunity", _("A chance to get involved")
    OPPORTUNITY_OUTCOME = "opportunity_outcome", _("Whether they have a place")
    STATEMENT = "statement", _("Their monthly statement")
    DIGEST = "digest", _("A weekly email of what is waiting")


TOPIC_OF = {
    Kind.ACCOUNT: Topic.ACCOUNT,
    Kind.SESSION_INVITATION: Topic.SESSIONS,
    Kind.SESSION_UPDATE: Topic.SESSIONS,
    Kind.SESSION_CANCELLED: Topic.SESSIONS,
    Kind.SESSION_REMINDER: Topic.SESSIONS,
    Kind.CALENDAR_LINK: Topic.SESSIONS,
    Kind.INFLUENCE_UPDATE: Topic.UPDATES,
    Kind.SURVEY_LINK: Topic.SURVEYS,
    Kind.SURVEY_REMINDER: Topic.SURVEYS,
    Kind.ASSESSMENT_LINK: Topic.SURVEYS,
    Kind.ASSESSMENT_REMINDER: Topic.SURVEYS,
    Kind.OPPORTUNITY: Topic.OPPORTUNITIES,
    # Someone who said they are interested is always told whether they have a place.
    Kind.OPPORTUNITY_OUTCOME: Topic.ANSWERS,
    Kind.STATEMENT: Topic.STATEMENTS,
    # To staff, who stop it from the link in it (a setting of their membership).
    Kind.DIGEST: Topic.ACCOUNT,
}


class Format(models.TextChoices):
    STANDARD = "standard", _("Standard")
    EASY_READ = "easy_read", _("Easy read")
    LARGE_PRINT = "large_print", _("Large print")


class MessageQuerySet(models.QuerySet["Message"]):
    def due(self, now: object = None) -> MessageQuerySet:
        return self.filter(status=Status.QUEUED, next_attempt_at__lte=now or timezone.now())

    def to_follow_up(self) -> MessageQuerySet:
        """Failed or to be told in person, and nobody has dealt with it yet."""
        return self.filter(status__in=[Status.FAILED, Status.TO_TELL], done_at__isnull=True)


class Message(models.Model):
    """One message to one person (or, for account emails, one address)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    channel = models.CharField(max_length=10, choices=Channel.choices)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    language = models.CharField(max_length=10, default="en")
    format = models.CharField(max_length=15, choices=Format.choices, default=Format.STANDARD)
    # An email address, a phone number, or the lines of a postal address.
    to_address = models.TextField(blank=True)
    from_email = models.CharField(max_length=300, blank=True)
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField()
    html = models.TextField(blank=True)
    # Files sent with an email: [{"filename", "mimetype", "content"}], content as text.
    attachments = models.JSONField(default=list, blank=True)
    # A private link (to a survey, or a calendar) put in place of ((link)) as it is sent,
    # and emptied once it is: only its hash is kept anywhere else.
    link = models.CharField(max_length=500, blank=True)
    # The fields a GOV.UK Notify template for this kind of message can use.
    personalisation = models.JSONField(default=dict, blank=True)
    # One message per key: a reminder is never queued twice for the same session.
    key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(blank=True)
    provider = models.CharField(max_length=20, blank=True)
    provider_ref = models.CharField(max_length=100, blank=True)
    # The hash of the secret in this message's "stop these messages" link.
    stop_token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    caused_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    # A coordinator told them in person, or followed up a failure.
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["person", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.get_channel_display()}"

    @property
    def topic(self) -> str:
        return TOPIC_OF.get(self.kind, Topic.ACCOUNT)  # type: ignore[call-overload]


class Stop(models.Model):
    """A person asked for no more messages about one topic."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    topic = models.CharField(max_length=20, choices=Topic.choices)
    stopped_at = models.DateTimeField(default=timezone.now)
    # Blank when they used the link in a message themselves.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "topic"], name="one_stop_a_topic"),
        ]

    def __str__(self) -> str:
        return f"{self.person} stopped {self.get_topic_display()}"
