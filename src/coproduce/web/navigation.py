"""The organisation menu. Each app adds its own entry when it is ready, so the menu
never needs to know another app's pages or permissions.

Every page draws the menu, so each worker keeps the menus it has made: one per person's
role, kind of organisation, language and page (issue 23). An entry's permission and
label may therefore depend on nothing else (rules built from the role predicates in
`core.rules`, and the organisation's kind, do)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from coproduce.core.models import Organisation, Role, User
from coproduce.core.tenancy import role_in, roles_for


@dataclass(frozen=True)
class NavEntry:
    """One item in an organisation's menu."""

    # Lower numbers come first; apps leave gaps so that new entries fit between.
    order: int
    label: Callable[[User | AnonymousUser, Organisation], str]
    url_name: str
    # Shown only to people with this permission on the organisation ("" for everyone).
    permission: str = ""
    # The entry is marked as the current page for these URL names and name prefixes ...
    names: tuple[str, ...] = ()
    name_prefixes: tuple[str, ...] = ()
    # ... and for any page in these URL namespaces.
    namespaces: tuple[str, ...] = ()

    def is_current(self, namespace: str, name: str) -> bool:
        return (
            name in self.names
            or (bool(self.name_prefixes) and name.startswith(self.name_prefixes))
            or namespace in self.namespaces
        )


_entries: dict[str, NavEntry] = {}


# Menus already made: (organisation, role, what the person is, language, page) to items.
_menus: dict[tuple[Any, ...], tuple[dict[str, Any], ...]] = {}
# Enough for every role on every page of a few hundred organisations; past it, start again.
MENUS_KEPT = 5000


def register(entry: NavEntry) -> None:
    """Add an app's entry; registering the same URL again replaces it (apps reload in tests)."""
    _entries[entry.url_name] = entry
    _menus.clear()


def entries() -> list[NavEntry]:
    return sorted(_entries.values(), key=lambda entry: entry.order)


def label(text: str) -> Callable[[User | AnonymousUser, Organisation], str]:
    """A label that is the same for everyone, translated when the menu is drawn."""
    return lambda user, organisation: _(text)


# Stands for an organisation's short name in a menu address made once.
_SLUG = "__org__"


@functools.cache
def _address(url_name: str, prefix: str, urlconf: str | None) -> str:
    return reverse(url_name, kwargs={"org_slug": _SLUG}, urlconf=urlconf)


def menu_address(url_name: str, org_slug: str) -> str:
    """An organisation page's address: worked out once per page name, as every page's
    menu needs twenty of them (issue 23)."""
    # The last mark is the organisation's: only the site's own prefix comes before it.
    start, _mark, end = _address(url_name, get_script_prefix(), get_urlconf()).rpartition(_SLUG)
    return f"{start}{org_slug}{end}"


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Build the service navigation from the organisation a view put on the request."""
    org = getattr(request, "organisation", None)
    user = request.user
    if org is None or not user.is_authenticated:
        outside: list[dict[str, Any]] = []
        if user.is_authenticated:
            outside.append(
                {"label": _("Your organisations"), "url": reverse("core:dashboard"), "active": True}
            )
        return {"nav_items": outside, "org": None, "plain_figures": True}
    match = request.resolver_match
    name = (match.url_name if match else "") or ""
    namespace = (match.namespace if match else "") or ""
    role = role_in(user, org)
    key = (
        org.pk,
        org.slug,
        org.kind,
        role,
        user.is_superuser,
        user.is_active,
        len(roles_for(user)) > 1,
        get_language(),
        get_script_prefix(),
        get_urlconf(),
        namespace,
        name,
    )
    items = _menus.get(key)
    if items is None:
        if len(_menus) >= MENUS_KEPT:
            _menus.clear()
        items = _menus[key] = _items(user, org, namespace, name)
    # Staff read statistics; commissioners, co-producers and the public read whole numbers,
    # and counts where fewer than 20 people are behind a share.
    plain = role not in (Role.ADMIN, Role.COORDINATOR)
    return {"nav_items": items, "org": org, "plain_figures": plain}


def _items(
    user: User | AnonymousUser, org: Organisation, namespace: str, name: str
) -> tuple[dict[str, Any], ...]:
    items = [
        {
            "label": entry.label(user, org),
            "url": menu_address(entry.url_name, org.slug),
            "active": entry.is_current(namespace, name),
        }
        for entry in entries()
        if not entry.permission or user.has_perm(entry.permission, org)
    ]
    if len(roles_for(user)) > 1:
        items.append(
            {"label": _("Switch organisation"), "url": reverse("core:dashboard"), "active": False}
        )
    return tuple(items)
