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
    description = models.TextField(_("about"), blank=True)
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


class NetworkMembership(models.Model):
    network = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="network_memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships_of_networks"
    )
    joined_on = models.DateField(default=timezone.localdate)

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
        return self.filter(revoked_at__isnull=True)


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

    objects = ApiTokenQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


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
        return str(AUDIT_LABELS.get(self.action, self.action))


# Plain words for the audit trail shown on pages.
AUDIT_LABELS = {
    "organisation.create": _("Organisation created"),
    "network.member_add": _("Organisation added to the network"),
    "membership.role": _("Role given or changed"),
    "membership.remove": _("Role removed"),
    "invitation.create": _("Invitation sent"),
    "invitation.revoke": _("Invitation cancelled"),
    "person.create": _("Record created"),
    "person.update": _("Details changed"),
    "person.delete": _("Record deleted"),
    "consent.record": _("Agreement recorded"),
    "consent.withdraw": _("Agreement withdrawn"),
    "special_category.save": _("Equality information saved"),
    "special_category.view": _("Equality information looked at"),
}
