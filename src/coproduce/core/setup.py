"""Writes for setting up: starting an organisation (asked for on a page and checked by a
platform operator, or made by an operator's command) with its first admin."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from coproduce.core.errors import conflict
from coproduce.core.models import (
    Membership,
    Organisation,
    OrganisationKind,
    OrganisationRequest,
    OrganisationRequestStatus,
    Role,
    User,
)
from coproduce.core.services import (
    IssuedInvitation,
    invitation_create,
    network_member_add,
    organisation_create,
)
from coproduce.core.tenancy import forget_roles


def free_slug(name: str) -> str:
    """A short web address from the name, not used by any organisation yet."""
    base = slugify(name)[:50].strip("-") or "organisation"
    slug, n = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _check(name: str, kind: str, place: str) -> None:
    problems = {}
    if not name.strip():
        problems["name"] = _("Enter the name of the organisation.")
    if kind not in OrganisationKind.values:
        problems["kind"] = _("Choose the kind of organisation.")
    if not place.strip():
        problems["place"] = _("Say where it works, like a town, borough or county.")
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def organisation_request(
    *, by: User, name: str, kind: str, place: str, description: str = ""
) -> OrganisationRequest:
    """Ask to start an organisation. Where the installation sets organisations up
    straight away (COPRODUCE_CHECK_NEW_ORGANISATIONS=false), it is set up now."""
    _check(name, kind, place)
    if (
        OrganisationRequest.objects.filter(
            requested_by=by, status=OrganisationRequestStatus.WAITING
        ).count()
        >= 3
    ):
        raise conflict("name", _("You have asked for three already. Wait for them to be checked."))
    request = OrganisationRequest.objects.create(
        requested_by=by,
        name=name.strip()[:200],
        kind=kind,
        place=place.strip()[:200],
        description=description.strip()[:5000],
    )
    if not settings.COPRODUCE_CHECK_NEW_ORGANISATIONS:
        return organisation_request_decide(request=request, by=None, approve=True)
    return request


@transaction.atomic
def organisation_request_decide(
    *, request: OrganisationRequest, by: User | None, approve: bool, reason: str = ""
) -> OrganisationRequest:
    """A platform operator sets the organisation up, its asker as first admin, or says
    why not. `by` None: the installation sets organisations up without a check."""
    if by is not None and not by.is_staff:
        raise PermissionDenied
    request = OrganisationRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != OrganisationRequestStatus.WAITING:
        raise conflict("request", _("This has been decided already."))
    if not approve and not reason.strip():
        raise ValidationError({"reason": _("Say why, so the person asking can be told.")})
    request.decided_by, request.decided_at = by, timezone.now()
    if approve:
        request.organisation = organisation_create(
            name=request.name,
            slug=free_slug(request.name),
            kind=request.kind,
            by=request.requested_by,
            description=request.description,
            place=request.place,
        )
        request.status = OrganisationRequestStatus.APPROVED
    else:
        request.status = OrganisationRequestStatus.DECLINED
        request.reason = reason.strip()[:300]
    request.save()
    return request


@dataclass
class MadeOrganisation:
    organisation: Organisation
    admin: User | None
    invitation: IssuedInvitation | None


@transaction.atomic
def organisation_set_up(
    *, name: str, kind: str, admin_email: str, place: str = "", network: Organisation | None = None
) -> MadeOrganisation:
    """An operator sets an organisation up (`coproduce org create`). The admin is given the
    role now if they have an account, and is invited by email otherwise."""
    _check(name, kind, place or "-")
    organisation = organisation_create(
        name=name.strip(), slug=free_slug(name), kind=kind, by=None, place=place.strip()
    )
    if network is not None:
        network_member_add(network=network, organisation=organisation, by=None)
    admin = User.objects.filter(email__iexact=admin_email.strip()).first()
    if admin is not None:
        Membership.objects.create(user=admin, organisation=organisation, role=Role.ADMIN)
        forget_roles(admin)
        return MadeOrganisation(organisation, admin, None)
    issued = invitation_create(
        organisation=organisation, email=admin_email, role=Role.ADMIN, by=None
    )
    return MadeOrganisation(organisation, None, issued)
