"""Dashboards that bring together figures from several apps."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from coproduce.assessments.queries import open_actions_in
from coproduce.core import queries as core_queries
from coproduce.core.exports import xlsx_response
from coproduce.core.http import AuthedRequest
from coproduce.core.tenancy import organisation_for_request, role_in
from coproduce.initiatives.models import Initiative, ServiceArea
from coproduce.initiatives.queries import initiative_in
from coproduce.people.queries import access_needs_summary, people_in, person_of_user
from coproduce.reports import queries, today
from coproduce.reports.evidence_pack import evidence_pack as build_pack
from coproduce.reports.evidence_pack import pack_sheets
from coproduce.reports.evidence_pack import settings_of as pack_settings
from coproduce.reports.forms import PackForm
from coproduce.reports.warnings import initiative_warnings
from coproduce.web.pdf import pdf_later


@login_required
def organisation_home(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "core.view_organisation")
    user = request.user
    context: dict[str, object] = {
        "role": role_in(user, organisation),
        "links": core_queries.network_links(organisation),
        "own_record": None,
        "can_see_summary": user.has_perm("core.view_organisation_summary", organisation),
        "can_list_people": user.has_perm("people.list_people", organisation),
        "can_manage_members": user.has_perm("core.manage_memberships", organisation),
        "can_read_said": user.has_perm("assessments.read_said", organisation),
    }
    if context["can_see_summary"]:
        people = people_in(organisation=organisation)
        counted = people.aggregate(
            all=Count("pk"), with_login=Count("pk", filter=Q(user__isnull=False))
        )
        context |= {
            "people_count": counted["all"],
            "with_login_count": counted["with_login"],
            "access_needs": access_needs_summary(people),
            "role_counts": core_queries.role_counts(organisation),
            "open_actions": open_actions_in(organisation)[:10],
            "today": timezone.localdate(),
        }
    if user.has_perm("people.list_people", organisation):
        open_actions: Any = context.get("open_actions")
        context["needs_you"] = today.needs_you(organisation, open_actions=open_actions)
    own_record = person_of_user(organisation=organisation, user=user)
    context["own_record"] = own_record
    if own_record is not None:
        context["for_you"] = today.for_you(own_record)
    return render(request, "reports/organisation_home.html", context)


@login_required
def initiative_warnings_panel(request: HttpRequest, org_slug: str, pk: int) -> HttpResponse:
    """The early warnings for one initiative: a fragment for htmx, or a page of its own."""
    organisation = organisation_for_request(request, org_slug, "initiatives.view_planning")
    initiative = initiative_in(organisation=organisation, pk=pk)
    context = {"initiative": initiative, "warnings": initiative_warnings(initiative)}
    if getattr(request, "htmx", False):
        return render(request, "reports/includes/initiative_warnings.html", context)
    return render(request, "reports/initiative_warnings.html", context)


@login_required
def organisation_map(request: HttpRequest, org_slug: str) -> HttpResponse:
    """Map it: every initiative against the four Co's, with the gaps said in words."""
    organisation = organisation_for_request(request, org_slug, "initiatives.view_planning")
    area = request.GET.get("service_area", "")
    area = area if area in ServiceArea.values else ""
    include_members = request.GET.get("members") == "yes"
    organisations = queries.map_organisations(organisation, request.user, include_members)
    return render(
        request,
        "reports/organisation_map.html",
        {
            "map": queries.organisation_map(organisations, area),
            "ladder": queries.ladder_summary(organisations, area),
            "area": area,
            "service_areas": ServiceArea.choices,
            "include_members": include_members,
            "several": len(organisations) > 1,
        },
    )


@login_required
def initiative_coverage(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    """Four Co's coverage: counted from the initiative's sessions, and said by its team."""
    organisation = organisation_for_request(request, org_slug, "initiatives.view_planning")
    initiative = initiative_in(organisation=organisation, pk=pk)
    can_change = request.user.has_perm("initiatives.change_initiative", organisation)
    return render(
        request,
        "reports/initiative_coverage.html",
        {
            "initiative": initiative,
            "rows": queries.coverage_of(initiative),
            "can_change": can_change,
            "can_plan": True,
        },
    )


@login_required
def evidence_pack(request: HttpRequest, org_slug: str) -> HttpResponse:
    """One report for commissioners: figures, outcomes, surveys, quotes, "you said, we did"
    and value for money, as a page, a PDF (?format=pdf) or a spreadsheet (?format=xlsx)."""
    organisation = organisation_for_request(request, org_slug, "evidence.view")
    form = PackForm(request.GET or None)
    form.fields["initiative"].queryset = Initiative.objects.filter(  # type: ignore[attr-defined]
        organisation=organisation
    )
    settings = pack_settings(organisation)
    default_since = settings.first_period_starts or timezone.localdate().replace(month=1, day=1)
    choice = form.cleaned_data if form.is_valid() else {}
    pack = build_pack(
        organisation,
        initiative=choice.get("initiative"),
        since=choice.get("since") or default_since,
        until=choice.get("until") or timezone.localdate(),
        settings=settings,
    )
    name = f"evidence-pack-{organisation.slug}"
    fmt = request.GET.get("format", "")
    if fmt == "xlsx":
        return xlsx_response(pack_sheets(pack), f"{name}.xlsx")
    context = {"pack": pack, "form": form, "today": timezone.localdate()}
    if fmt == "pdf":
        return pdf_later(request, "reports/evidence_pack_print.html", context, f"{name}.pdf")
    return render(request, "reports/evidence_pack.html", context)
