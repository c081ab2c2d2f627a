"""Writes for organisations, networks, memberships, invitations, tokens and audit."""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass
from typing import Any

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.core.models import (
    ApiToken,
    AuditAction,
    AuditEvent,
    Invitation,
    Membership,
    NetworkMembership,
    Organisation,
    OrganisationKind,
    Role,
    User,
    hash_secret,
)
from coproduce.core.tenancy import forget_roles


def audit_record(
    *,
    organisation: Organisation,
    actor: User | None,
    action: AuditAction,
    target: Any,
    changes: dict[str, Any] | None = None,
    on_behalf_of: int | None = None,
) -> AuditEvent:
    """Write one audit entry; call it inside the transaction of the change it records."""
    return AuditEvent.objects.create(
        organisation=organisation,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=target.pk,
        on_behalf_of=on_behalf_of,
        changes=changes or {},
    )


@transaction.atomic
def organisation_create(
    *, name: str, slug: str, kind: str, by: User | None, description: str = "", place: str = ""
) -> Organisation:
    """Create an organisation; the creator (when given) becomes its first admin."""
    organisation = Organisation.objects.create(
        name=name, slug=slug, kind=kind, description=description, place=place
    )
    if by is not None:
        Membership.objects.create(user=by, organisation=organisation, role=Role.ADMIN)
        forget_roles(by)
    audit_record(
        organisation=organisation,
        actor=by,
        action=AuditAction.ORGANISATION_CREATE,
        target=organisation,
    )
    return organisation


def _reaches(start: Organisation, goal: Organisation) -> bool:
    """True if `goal` is `start` or a member (at any depth) of the network `start`."""
    seen: set[int] = set()
    frontier = {start.pk}
    while frontier:
        if goal.pk in frontier:
            return True
        seen |= frontier
        frontier = (
            set(
                NetworkMembership.objects.filter(network_id__in=frontier).values_list(
                    "organisation_id", flat=True
                )
            )
            - seen
        )
    return False


@transaction.atomic
def network_member_add(
    *, network: Organisation, organisation: Organisation, by: User | None
) -> NetworkMembership:
    """Add an organisation (or another network) to a network, refusing loops."""
    if network.kind != OrganisationKind.NETWORK:
        raise ValidationError({"network": _("Only a network can have member organisations.")})
    if _reaches(organisation, network):
        raise ValidationError(
            {
                "organisation": _("%(org)s already contains %(net)s, so it cannot join it.")
                % {"org": organisation, "net": network}
            }
        )
    link, _created = NetworkMembership.objects.get_or_create(
        network=network, organisation=organisation
    )
    audit_record(
        organisation=network,
        actor=by,
        action=AuditAction.NETWORK_MEMBER_ADD,
        target=link,
        changes={"organisation": organisation.slug},
    )
    return link


@transaction.atomic
def network_sharing_set(
    *, organisation: Organisation, network: Organisation, shares: bool, by: User
) -> NetworkMembership:
    """Let a network show this member's own figures by name, or stop it. The choice is
    the member's, so it is recorded in the member's audit log."""
    link = (
        NetworkMembership.objects.select_for_update()
        .filter(network=network, organisation=organisation)
        .first()
    )
    if link is None:
        raise ValidationError(
            {"network": _("%(org)s is not in that network.") % {"org": organisation}}
        )
    if link.shares_figures != shares:
        link.shares_figures = shares
        link.save(update_fields=["shares_figures"])
        audit_record(
            organisation=organisation,
            actor=by,
            action=AuditAction.NETWORK_SHARING,
            target=link,
            changes={"network": network.slug, "shares_figures": shares},
        )
    return link


@transaction.atomic
def membership_set_role(
    *, organisation: Organisation, user: User, role: str, by: User
) -> Membership:
    """Give a user a role in an organisation, or change the role they have."""
    if role not in Role.values:
        raise ValidationError({"role": _("Choose a role from the list.")})
    membership = (
        Membership.objects.select_for_update().filter(organisation=organisation, user=user).first()
    )
    old_role = membership.role if membership else None
    if membership is None:
        membership = Membership.objects.create(organisation=organisation, user=user, role=role)
    else:
        _keep_an_admin(organisation, leaving=membership, new_role=role)
        membership.role = role
        membership.save(update_fields=["role"])
    forget_roles(user)
    audit_record(
        organisation=organisation,
        actor=by,
        action=AuditAction.MEMBERSHIP_ROLE,
        target=membership,
        changes={"role": [old_role, role]},
    )
    return membership


def _keep_an_admin(
    organisation: Organisation, *, leaving: Membership, new_role: str | None
) -> None:
    if leaving.role != Role.ADMIN or new_role == Role.ADMIN:
        return
    others = Membership.objects.filter(organisation=organisation, role=Role.ADMIN).exclude(
        pk=leaving.pk
    )
    if not others.exists():
        raise ValidationError(
            {
                "role": _(
                    "An organisation needs at least one admin. Make someone else an admin first."
                )
            }
        )


@transaction.atomic
def membership_remove(*, membership: Membership, by: User) -> None:
    """Remove a user's role in an organisation (never the last admin)."""
    _keep_an_admin(membership.organisation, leaving=membership, new_role=None)
    audit_record(
        organisation=membership.organisation,
        actor=by,
        action=AuditAction.MEMBERSHIP_REMOVE,
        target=membership,
        changes={"role": [membership.role, None]},
    )
    user = membership.user
    membership.delete()
    forget_roles(user)


@dataclass(frozen=True)
class IssuedInvitation:
    invitation: Invitation
    token: str


@transaction.atomic
def invitation_create(
    *, organisation: Organisation, email: str, role: str, by: User | None
) -> IssuedInvitation:
    """Invite someone by email; the link carries a random token that is stored hashed."""
    email = email.strip().lower()
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise ValidationError({"email": _("This person is already a member of this organisation.")})
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        role=role,
        token_hash=hash_secret(token),
        invited_by=by,
        expires_at=timezone.now() + Invitation.VALID_FOR,
    )
    audit_record(
        organisation=organisation,
        actor=by,
        action=AuditAction.INVITATION_CREATE,
        target=invitation,
        changes={"email": email, "role": role},
    )
    return IssuedInvitation(invitation=invitation, token=token)


def invitation_for_token(token: str) -> Invitation | None:
    """The open invitation behind a link, if there is one."""
    return (
        Invitation.objects.open()
        .select_related("organisation")
        .filter(token_hash=hash_secret(token))
        .first()
    )


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """Accept an invitation as the signed-in user; the link works once."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise ValidationError(_("This invitation has already been used or has expired."))
    if user.email.lower() != invitation.email.lower():
        raise ValidationError(
            _("This invitation was sent to %(email)s. Sign in with that address to accept it.")
            % {"email": invitation.email}
        )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    existing = Membership.objects.filter(organisation=invitation.organisation, user=user).first()
    if existing:
        return existing
    return membership_set_role(
        organisation=invitation.organisation, user=user, role=invitation.role, by=user
    )


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by: User) -> Invitation:
    """Stop an invitation link from working."""
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit_record(
        organisation=invitation.organisation,
        actor=by,
        action=AuditAction.INVITATION_REVOKE,
        target=invitation,
    )
    return invitation


@dataclass(frozen=True)
class IssuedToken:
    api_token: ApiToken
    token: str


TOKEN_DAYS_ALLOWED = (30, 90, 365)


def api_token_create(
    *,
    user: User,
    name: str = "API token",
    organisation: Organisation | None = None,
    write: bool = True,
    days: int = 90,
) -> IssuedToken:
    """Create a bearer token for a user, for one of their organisations or all of them,
    to read only or to read and write, working for `days` days. Only its hash is kept."""
    if days not in TOKEN_DAYS_ALLOWED:
        raise ValidationError({"days": _("Choose 30, 90 or 365 days.")})
    if (
        organisation is not None
        and not Membership.objects.filter(user=user, organisation=organisation).exists()
    ):
        raise ValidationError({"organisation": _("Choose an organisation you have a role in.")})
    prefix = secrets.token_hex(4)
    token = f"cp_{prefix}_{secrets.token_urlsafe(32)}"
    api_token = ApiToken.objects.create(
        user=user,
        name=name.strip()[:100] or "API token",
        prefix=prefix,
        token_hash=hash_secret(token),
        organisation=organisation,
        can_write=write,
        expires_at=timezone.now() + datetime.timedelta(days=days),
    )
    return IssuedToken(api_token=api_token, token=token)


def api_token_revoke(*, api_token: ApiToken) -> ApiToken:
    """Stop a token from working."""
    if api_token.revoked_at is None:
        api_token.revoked_at = timezone.now()
        api_token.save(update_fields=["revoked_at"])
    return api_token


def api_token_authenticate(token: str) -> ApiToken | None:
    """The active, unexpired token behind a secret, or None; records when it was last
    used."""
    api_token = (
        ApiToken.objects.active()
        .select_related("user")
        .filter(token_hash=hash_secret(token))
        .first()
    )
    if api_token is None or not api_token.user.is_active:
        return None
    now = timezone.now()
    # Written at most once a minute so that busy API clients do not write on every call.
    if api_token.last_used_at is None or (now - api_token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
    return api_token


def user_create(*, email: str, password: str | None, name: str = "") -> Any:
    """Create a login with a verified primary email address (used by the demo and tests)."""
    user = User.objects.create_user(email=email, password=password, first_name=name)
    EmailAddress.objects.create(user=user, email=email.lower(), verified=True, primary=True)
    return user


def invitation_send(*, issued: IssuedInvitation, link: str) -> None:
    """Email the invitation link. Django's mail goes into the outbox (EMAIL_BACKEND), so
    it is saved with the invitation and sent by the worker."""
    invitation = issued.invitation
    body = _(
        "Hello,\n\n%(org)s has invited you to join them on Coproduce as %(role)s.\n\n"
        "To accept, open this link within 14 days:\n%(link)s\n\n"
        "If you were not expecting this, you can ignore this email."
    ) % {
        "org": invitation.organisation.name,
        "role": invitation.get_role_display().lower(),
        "link": link,
    }
    send_mail(
        _("You are invited to join %(org)s") % {"org": invitation.organisation.name},
        body,
        None,
        [invitation.email],
    )
