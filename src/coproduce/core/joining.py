"""Writes for joining: a person asks to join an organisation, or an organisation's admin
asks for it to join a network; the admins of the organisation or network decide."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.core.errors import conflict
from coproduce.core.models import (
    AuditAction,
    JoinRequest,
    Membership,
    NetworkMembership,
    Organisation,
    OrganisationKind,
    OrganisationRequestStatus,
    Role,
    User,
)
from coproduce.core.services import audit_record, network_member_add
from coproduce.core.tenancy import forget_roles, role_in

WAITING = OrganisationRequestStatus.WAITING
# Enough for anyone with a real reason; stops one account asking everywhere at once.
MOST_WAITING = 5


def _check_person(by: User, to: Organisation) -> None:
    if Membership.objects.filter(user=by, organisation=to).exists():
        raise conflict("to", _("You already have a role at %(org)s.") % {"org": to})


def _check_network(by: User, to: Organisation, member: Organisation) -> None:
    if to.kind != OrganisationKind.NETWORK:
        raise ValidationError({"to": _("Only a network can have member organisations.")})
    if role_in(by, member) != Role.ADMIN:
        raise PermissionDenied
    if member == to or NetworkMembership.objects.filter(network=to, organisation=member).exists():
        raise conflict("to", _("%(org)s is already in %(net)s.") % {"org": member, "net": to})


@transaction.atomic
def join_ask(
    *, by: User, to: Organisation, member: Organisation | None = None, message: str = ""
) -> JoinRequest:
    """Ask to join `to`: as a person, or (with `member`) as an organisation whose admin
    `by` is. Asking twice gives back the request already waiting."""
    if member is None:
        _check_person(by, to)
    else:
        _check_network(by, to, member)
    waiting = JoinRequest.objects.filter(asked_by=by, status=WAITING)
    same = waiting.filter(organisation=to, member=member).first()
    if same is not None:
        return same
    if waiting.count() >= MOST_WAITING:
        raise conflict(
            "to", _("You have %(n)s requests waiting. Wait for an answer first.") % {"n": 5}
        )
    asked = JoinRequest.objects.create(
        organisation=to, member=member, asked_by=by, message=message.strip()[:2000]
    )
    audit_record(
        organisation=to,
        actor=by,
        action=AuditAction.JOIN_REQUEST,
        target=asked,
        changes={"member": member.slug if member else None},
    )
    return asked


@transaction.atomic
def join_decide(
    *,
    request: JoinRequest,
    by: User,
    approve: bool,
    role: str = Role.MEMBER,
    reason: str = "",
) -> JoinRequest:
    """An admin of the organisation (or network) says yes, with the role a person is
    given, or no with a reason the asker is shown."""
    request = JoinRequest.objects.select_for_update().get(pk=request.pk)
    if not by.has_perm("core.manage_memberships", request.organisation):
        raise PermissionDenied
    if request.status != WAITING:
        raise conflict("request", _("This has been answered already."))
    if approve and request.member is None and role not in Role.values:
        raise ValidationError({"role": _("Choose a role.")})
    if not approve and not reason.strip():
        raise ValidationError({"reason": _("Say why, so the person asking can be told.")})
    if approve and request.member is not None:
        network_member_add(network=request.organisation, organisation=request.member, by=by)
    elif approve:
        Membership.objects.get_or_create(
            user=request.asked_by, organisation=request.organisation, defaults={"role": role}
        )
        forget_roles(request.asked_by)
    request.status = (
        OrganisationRequestStatus.APPROVED if approve else OrganisationRequestStatus.DECLINED
    )
    request.decided_by, request.decided_at = by, timezone.now()
    request.reason = "" if approve else reason.strip()[:300]
    request.save()
    audit_record(
        organisation=request.organisation,
        actor=by,
        action=AuditAction.JOIN_DECIDE,
        target=request,
        changes={
            "status": request.status,
            "role": role if approve and not request.member else None,
        },
    )
    return request
