"""The user, organisations, networks, memberships, invitations, API tokens and the audit log."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The audit trail's words live in their own module; importing them from here still works.
from coproduce.core.audit_actions import AuditAction


class UserManager(BaseUserManager["User"]):
    """Creates logins keyed by email address, always stored in lower case."""

    use_in_migrations = True

    def _create(self, email: str, password: str | None, **fields: Any) -> User:
        if not email:
            raise ValueError("A login needs an email address.")
        user = self.model(email=email.strip().lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create(email, password, **fields)

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **fields)

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=username)


class User(AbstractUser):
    """A login. Most co-producers never have one: their record is a Person."""

    # Email is the login; there is no separate user name to invent or forget.
    username = None  # type: ignore[assignment]
    email = models.EmailField(_("email address"), unique=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    class Meta:
        ordering = ["email"]
        constraints = [
            # One login per address whatever its case, so Sam@ and sam@ are one person.
            models.UniqueConstraint(Lower("email"), name="user_email_unique_any_case"),
        ]

    def __str__(self) -> str:
        return self.email


class OrganisationKind(models.TextChoices):
    COUNCIL = "council", _("Council")
    NHS_TRUST = "nhs_trust", _("NHS trust")
    COMMISSIONER = "commissioner", _("Commissioning body")
    VOLUNTARY = "voluntary", _("Voluntary organisation")
    COMMUNITY = "community", _("Community or faith group")
    NETWORK = "network", _("Network or partnership")


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name for web addresses"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    # Hours before a session that invitees are reminded of it; 0 for no reminders.
    reminder_hours = models.PositiveSmallIntegerField(
        _("hours before a session to remind people"), default=24
    )
    description = models.TextField(_("about"), blank=True)
    place = models.CharField(_("where it works"), max_length=200, blank=True)
    # Networks hold other organisations (and other networks, which is how a
    # regional network contains its locality networks).
    members: models.ManyToManyField[Organisation, NetworkMembership] = models.ManyToManyField(
        "self",
        through="NetworkMembership",
        through_fields=("network", "organisation"),
        symmetrical=False,
        related_name="networks",
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("reports:organisation-home", kwargs={"org_slug": self.slug})

    @property
    def is_network(self) -> bool:
        return self.kind == OrganisationKind.NETWORK


class OrganisationRequestStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting to be checked")
    APPROVED = "approved", _("Agreed")
    DECLINED = "declined", _("Not agreed")


class Asked(models.Model):
    """Something asked for that someone decides: when, the answer, who gave it and why not."""

    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        max_length=10,
        choices=OrganisationRequestStatus.choices,
        default=OrganisationRequestStatus.WAITING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(_("why not"), max_length=300, blank=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]


class OrganisationRequest(Asked):
    """Someone asks to start an organisation here. A platform operator checks it (unless
    the installation sets organisations up straight away); the asker becomes its admin."""

    name = models.CharField(_("name of the organisation"), max_length=200)
    kind = models.CharField(
        _("kind of organisation"), max_length=20, choices=OrganisationKind.choices
    )
    place = models.CharField(_("where it works"), max_length=200)
    description = models.TextField(_("what it does"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisation_requests"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    def __str__(self) -> str:
        return self.name


class JoinRequest(Asked):
    """Someone asks to join an organisation, or an organisation's admin asks for it to
    join a network (`member` set). The admins of `organisation` decide."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="join_requests"
    )
    member = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests"
    )
    message = models.TextField(_("message (optional)"), blank=True)

    def __str__(self) -> str:
        return str(self.member or self.asked_by)


class NetworkMembership(models.Model):
    network = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="network_memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships_of_networks"
    )
    joined_on = models.DateField(default=timezone.localdate)
    # The member's admins agree that the network may show the member's own figures by
    # name. Without it the member is counted only in the network's totals (insight).
    shares_figures = models.BooleanField(
        _("show our figures to the network by name"), default=False
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["network", "organisation"], name="network_member_once"),
            models.CheckConstraint(
                condition=~Q(network=models.F("organisation")), name="network_not_own_member"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.network}"


class Role(models.TextChoices):
    ADMIN = "admin", _("Admin")
    COORDINATOR = "coordinator", _("Coordinator")
    MEMBER = "member", _("Co-producer")
    VIEWER = "viewer", _("Viewer (commissioner or funder)")
    REVIEWER = "reviewer", _("Peer reviewer")


ROLE_HELP = {
    Role.ADMIN: _("Runs the organisation's account, its members and settings."),
    Role.COORDINATOR: _("Runs co-production day to day and keeps people's records."),
    Role.MEMBER: _("Takes part as a partner and sees their own record."),
    Role.VIEWER: _("Sees summaries and reports, not personal details."),
    Role.REVIEWER: _("An outside peer who sees only what they are asked to review."),
}


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    # Admins and coordinators get a weekly email of what is waiting, unless they say no.
    weekly_digest = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_role_per_org"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}) at {self.organisation}"


def hash_secret(secret: str) -> str:
    """Hash a random secret for storage; the secrets are long and random, so no salt is needed."""
    return hashlib.sha256(secret.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def open(self) -> InvitationQuerySet:
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    VALID_FOR = timedelta(days=14)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation for {self.email} to {self.organisation}"

    @property
    def is_open(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


TOKEN_DAYS = 90


def _token_expiry() -> Any:
    return timezone.now() + timedelta(days=TOKEN_DAYS)


class ApiToken(models.Model):
    """A bearer token for the API. Only a hash is kept; the token is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, unique=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # Every token stops working on a date; a new one is made on the tokens page.
    expires_at = models.DateTimeField(default=_token_expiry)
    # Its scope: one organisation (or every one its holder has a role in), and whether
    # it may change anything or only read.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    can_write = models.BooleanField(default=False)

    objects = ApiTokenQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class AuditEvent(models.Model):
    """Who did what to which record, and for whom.

    Special-category values are never written here: `changes` holds field
    names with old and new values for ordinary fields, and only the names of
    special-category fields that changed.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="audit_events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # One of AuditAction's values. Not a field with choices: each new kind of change would
    # then need a migration repeating the whole list; `label` gives its words.
    action = models.CharField(max_length=60)
    target_type = models.CharField(max_length=60)
    target_id = models.BigIntegerField(null=True)
    # A plain id rather than a foreign key, so the trail outlives an erased person.
    on_behalf_of = models.BigIntegerField(null=True, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.action} on {self.target_type} {self.target_id}"

    @property
    def label(self) -> str:
        if self.action in AuditAction.values:
            return str(AuditAction(self.action).label)
        return self.action


class IdempotentRequest(models.Model):
    """An API create that was sent with an `Idempotency-Key`, and the answer it got, so
    that a client retrying after a lost answer gets that answer again instead of a
    second record (see core/idempotency.py)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=100)
    # What was asked (method, path and body) as a hash: the same key for another
    # request is refused.
    fingerprint = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    content_type = models.CharField(max_length=100)
    body = models.BinaryField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_once_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.status})"
