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

M = TypeVar("M", bound=Model)
QS = TypeVar("QS", bound=QuerySet[Any])

_CACHE_ATTR = "_coproduce_roles"


def roles_for(user: User | AnonymousUser) -> dict[int, str]:
    """Map organisation id to the role the user holds there (cached on the user object)."""
    if not isinstance(user, User):
        return {}
    cached: dict[int, str] | None = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = dict(Membership.objects.filter(user=user).values_list("organisation_id", "role"))
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_roles(user: User | AnonymousUser) -> None:
    """Drop the cached roles after memberships change."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def role_in(user: User | AnonymousUser, organisation: Organisation | int) -> str | None:
    """The user's role in the organisation, or None."""
    org_id = organisation if isinstance(organisation, int) else organisation.pk
    return roles_for(user).get(org_id)


def organisations_for(user: User | AnonymousUser) -> QuerySet[Organisation]:
    """The organisations where the user holds any role."""
    return Organisation.objects.filter(pk__in=list(roles_for(user)))


def organisation_for(user: User | AnonymousUser, slug: str) -> Organisation:
    """The organisation with this slug if the user holds a role there; otherwise 404."""
    # By its unique slug, then checked against the roles already read for this request:
    # the same answer as asking among the user's organisations, in a simpler query.
    organisation = next(iter(Organisation.objects.filter(slug=slug)[:1]), None)
    if organisation is None or organisation.pk not in roles_for(user):
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
