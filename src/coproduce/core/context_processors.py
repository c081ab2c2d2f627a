"""Navigation shared by every page: the current organisation and its menu."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from coproduce.core.tenancy import roles_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Build the service navigation from the organisation a view put on the request."""
    org = getattr(request, "organisation", None)
    user = request.user
    if org is None or not user.is_authenticated:
        items = []
        if user.is_authenticated:
            items.append(
                {"label": _("Your organisations"), "url": reverse("core:dashboard"), "active": True}
            )
        return {"nav_items": items, "org": None}
    current = (request.resolver_match.url_name if request.resolver_match else "") or ""
    namespace = (request.resolver_match.namespace if request.resolver_match else "") or ""
    slug = {"org_slug": org.slug}
    items = [
        {
            "label": _("Home"),
            "url": reverse("reports:organisation-home", kwargs=slug),
            "active": current == "organisation-home",
        }
    ]
    if user.has_perm("people.list_people", org):
        items.append(
            {
                "label": _("People"),
                "url": reverse("people:person-list", kwargs=slug),
                "active": current.startswith("person"),
            }
        )
    if user.has_perm("initiatives.list_initiatives", org):
        items.append(
            {
                "label": _("Initiatives"),
                "url": reverse("initiatives:initiative-list", kwargs=slug),
                "active": current.startswith(
                    ("initiative", "stakeholders", "priorities", "charter", "team")
                ),
            }
        )
    if user.has_perm("sessions.list_sessions", org):
        items.append(
            {
                "label": _("Sessions"),
                "url": reverse("sessions:session-list", kwargs=slug),
                "active": current.startswith(("session", "register", "attendance")),
            }
        )
    if user.has_perm("influence.list_items", org):
        items.append(
            {
                "label": _("You said, we did"),
                "url": reverse("influence:item-list", kwargs=slug),
                "active": current.startswith(("item", "follow-up", "targets")),
            }
        )
    if user.has_perm("recognition.own_statement", org):
        items.append(
            {
                "label": _("Recognition")
                if user.has_perm("recognition.view_ledger", org)
                else _("Your recognition"),
                "url": reverse("recognition:overview", kwargs=slug),
                "active": current.startswith(
                    (
                        "overview",
                        "approve",
                        "ledger",
                        "transaction",
                        "payment",
                        "claim",
                        "policy",
                        "partner",
                        "offer",
                        "my-statement",
                        "member-statement",
                        "statement",
                        "timebank",
                    )
                ),
            }
        )
    if user.has_perm("opportunities.view_opportunity", org):
        items.append(
            {
                "label": _("Opportunities"),
                "url": reverse("opportunities:opportunity-list", kwargs=slug),
                "active": current.startswith("opportunity"),
            }
        )
    if user.has_perm("evidence.view", org):
        items.append(
            {
                "label": _("Evidence"),
                "url": reverse("evidence:home", kwargs=slug),
                "active": namespace == "evidence" or current == "evidence-pack",
            }
        )
    if user.has_perm("assessments.list_assessments", org):
        items.append(
            {
                "label": _("Assessments"),
                "url": reverse("assessments:assessment-list", kwargs=slug),
                "active": current.startswith(("assessment", "levels")),
            }
        )
    items.append(
        {
            "label": _("Frameworks"),
            "url": reverse("frameworks:org-framework-list", kwargs=slug),
            "active": current.startswith("org-framework"),
        }
    )
    if user.has_perm("privacy.manage", org):
        items.append(
            {
                "label": _("Data protection"),
                "url": reverse("privacy:overview", kwargs=slug),
                "active": namespace == "privacy",
            }
        )
    if user.has_perm("core.manage_memberships", org):
        items.append(
            {
                "label": _("Members and roles"),
                "url": reverse("core:membership-list", kwargs=slug),
                "active": current.startswith(("membership", "invitation")),
            }
        )
    if len(roles_for(user)) > 1:
        items.append(
            {"label": _("Switch organisation"), "url": reverse("core:dashboard"), "active": False}
        )
    return {"nav_items": items, "org": org}
