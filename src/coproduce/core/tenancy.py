"""The one place where data is limited to the organisations a person may see.

Every organisation-owned read for a signed-in user goes through here: views
and the API call `organisation_for` to turn a URL slug into an organisation
(404 when the user has no role there, so other organisations' existence is
not revealed) and `scoped` to limit a queryset to it.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404

from coproduce.core.models import Membership, Organisation, Role, User
from coproduce.core.prepared import Prepared

M = TypeVar("M", bound=Model)
QS = TypeVar("QS", bound=QuerySet[Any])

_CACHE_ATTR = "_coproduce_roles"
_ORGS_ATTR = "_coproduce_organisations"


# Every organisation page asks this first: made once (`core.prepared`).
_MEMBERSHIPS = Prepared(
    Membership,
    lambda user: Membership.objects.filter(user_id=user).select_related("organisation"),
    user=int,
)


def _read_memberships(user: User) -> None:
    """The user's roles, and the organisations they are in by slug, in one query, kept
    on the user object (one request's worth)."""
    roles: dict[int, str] = {}
    by_slug: dict[str, Organisation] = {}
    for membership in _MEMBERSHIPS(user=user.pk):
        roles[membership.organisation_id] = membership.role
        by_slug[membership.organisation.slug] = membership.organisation
    setattr(user, _CACHE_ATTR, roles)
    setattr(user, _ORGS_ATTR, by_slug)


def roles_for(user: User | AnonymousUser) -> dict[int, str]:
    """Map organisation id to the role the user holds there (cached on the user object)."""
    if not isinstance(user, User):
        return {}
    if getattr(user, _CACHE_ATTR, None) is None:
        _read_memberships(user)
    roles: dict[int, str] = getattr(user, _CACHE_ATTR)
    return roles


def forget_roles(user: User | AnonymousUser) -> None:
    """Drop the cached roles after memberships change."""
    for name in (_CACHE_ATTR, _ORGS_ATTR):
        if hasattr(user, name):
            delattr(user, name)


def role_in(user: User | AnonymousUser, organisation: Organisation | int) -> str | None:
    """The user's role in the organisation, or None."""
    org_id = organisation if isinstance(organisation, int) else organisation.pk
    return roles_for(user).get(org_id)


def _held(user: User) -> dict[str, Organisation]:
    if getattr(user, _ORGS_ATTR, None) is None:
        _read_memberships(user)
    held: dict[str, Organisation] = getattr(user, _ORGS_ATTR)
    return held


def organisations_held(user: User | AnonymousUser) -> list[Organisation]:
    """The organisations where the user holds any role, as read with their roles (no
    query of its own once the roles are read)."""
    return list(_held(user).values()) if isinstance(user, User) else []


def organisations_for(user: User | AnonymousUser) -> QuerySet[Organisation]:
    """The organisations where the user holds any role."""
    return Organisation.objects.filter(pk__in=list(roles_for(user)))


def organisation_for(user: User | AnonymousUser, slug: str) -> Organisation:
    """The organisation with this slug if the user holds a role there; otherwise 404.
    Read with the user's roles, so it costs no query of its own."""
    organisation = _held(user).get(slug) if isinstance(user, User) else None
    if organisation is None:
        raise Http404("No organisation found.")
    return organisation


def scoped(queryset: QS, organisation: Organisation) -> QS:
    """Limit an organisation-owned queryset to one organisation."""
    return queryset.filter(organisation=organisation)


def organisation_for_request(request: Any, slug: str, perm: str | None = None) -> Organisation:
    """Resolve the URL's organisation for the signed-in user, mark it as the page's
    organisation (for the navigation), and check one named rule: 404 outside the
    user's organisations, 403 when the rule says no."""
    organisation = organisation_for(request.user, slug)
    request.organisation = organisation
    if perm is not None and not request.user.has_perm(perm, organisation):
        raise PermissionDenied
    return organisation


def mfa_required(user: User | AnonymousUser) -> bool:
    """Whether the site asks this person for two-step sign-in: admins and coordinators
    (who see personal records) and site staff."""
    if not settings.COPRODUCE_REQUIRE_MFA or not isinstance(user, User):
        return False
    roles = set(roles_for(user).values())
    return bool(roles & {Role.ADMIN, Role.COORDINATOR}) or user.is_staff


def must_set_up_mfa(user: User | AnonymousUser) -> bool:
    """Whether this person must set up two-step sign-in before doing anything else."""
    from allauth.mfa.models import Authenticator

    if not mfa_required(user):
        return False
    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
