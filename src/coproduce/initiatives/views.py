"""Pages for initiatives: list, start, overview with team, and the planning tools."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coproduce.core.forms import add_service_errors
from coproduce.core.http import AuthedRequest
from coproduce.core.models import AuditAction
from coproduce.core.queries import history_of
from coproduce.core.tenancy import organisation_for_request
from coproduce.initiatives import queries, services
from coproduce.initiatives.forms import (
    CharterForm,
    CoverageForm,
    InitiativeForm,
    PriorityForm,
    StakeholderForm,
    TeamMemberForm,
)
from coproduce.initiatives.models import Initiative, Priority, ServiceArea, Stakeholder, TeamMember


def _initiative(request: HttpRequest, org_slug: str, pk: int, perm: str) -> Initiative:
    organisation = organisation_for_request(request, org_slug)
    initiative = queries.initiative_in(organisation=organisation, pk=pk)
    if not request.user.has_perm(perm, initiative.organisation):
        raise PermissionDenied
    return initiative


def _data(request: HttpRequest) -> QueryDict | None:
    return request.POST if request.method == "POST" else None


@login_required
def initiative_list(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "initiatives.list_initiatives")
    area = request.GET.get("service_area", "")
    area = area if area in ServiceArea.values else ""
    return render(
        request,
        "initiatives/initiative_list.html",
        {
            "initiatives": queries.initiatives_in(organisation, service_area=area),
            "service_areas": ServiceArea.choices,
            "area": area,
            "can_add": request.user.has_perm("initiatives.add_initiative", organisation),
            "can_map": request.user.has_perm("initiatives.view_planning", organisation),
        },
    )


@login_required
def initiative_create(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "initiatives.add_initiative")
    # Which stages it follows: the five steps unless another is chosen (?stages=KEY).
    chosen = request.POST.get("stage_framework") or request.GET.get("stages", "")
    framework = (
        queries.stage_framework_for(organisation, str(chosen)[:100])
        or services.default_stage_framework()
    )
    form = InitiativeForm(
        _data(request), organisation=organisation, stages=framework.items.order_by("position")
    )
    if request.method == "POST" and form.is_valid():
        try:
            initiative = services.initiative_create(
                organisation=organisation,
                by=request.user,
                details=form.details(),
                partners=form.cleaned_data["partners"],
                stage_framework=framework,
                stage=form.cleaned_data["stage"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Initiative started."))
            return redirect(initiative)
    return render(
        request,
        "initiatives/initiative_form.html",
        {
            "form": form,
            "initiative": None,
            "framework": framework,
            "frameworks": queries.stage_frameworks_for(organisation),
        },
        status=400 if form.errors else 200,
    )


@login_required
def initiative_edit(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    initiative = _initiative(request, org_slug, pk, "initiatives.change_initiative")
    form = InitiativeForm(
        _data(request),
        instance=Initiative.objects.get(pk=initiative.pk),
        organisation=initiative.organisation,
        stages=queries.stages_of(initiative),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.initiative_update(
                initiative=initiative,
                by=request.user,
                changes=form.details(),
                partners=form.cleaned_data["partners"],
                set_stage=True,
                stage=form.cleaned_data["stage"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect(initiative)
    return render(
        request, "initiatives/initiative_form.html", {"form": form, "initiative": initiative}
    )


@login_required
def initiative_detail(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    initiative = _initiative(request, org_slug, pk, "initiatives.view_initiative")
    can_change = request.user.has_perm("initiatives.change_initiative", initiative.organisation)
    form = TeamMemberForm(_data(request), organisation=initiative.organisation)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.team_member_add(
                    initiative=initiative, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Added to the team."))
                return redirect(initiative)
    return render(
        request,
        "initiatives/initiative_detail.html",
        {
            "initiative": initiative,
            "form": form,
            "can_change": can_change,
            "stages": queries.stages_of(initiative),
            "cell_title": queries.bovaird_cell_title(initiative),
            "can_plan": request.user.has_perm("initiatives.view_planning", initiative.organisation),
            "history": history_of(initiative, 20) if can_change else [],
        },
    )


@login_required
@require_POST
def team_member_leave(
    request: AuthedRequest, org_slug: str, pk: int, member_pk: int
) -> HttpResponse:
    initiative = _initiative(request, org_slug, pk, "initiatives.change_initiative")
    member = get_object_or_404(
        TeamMember, pk=member_pk, initiative=initiative, left_on__isnull=True
    )
    services.team_member_leave(member=member, by=request.user)
    messages.success(request, _("%(name)s has left the role.") % {"name": member.person})
    return redirect(initiative)


@login_required
@require_POST
def team_member_remove(
    request: AuthedRequest, org_slug: str, pk: int, member_pk: int
) -> HttpResponse:
    initiative = _initiative(request, org_slug, pk, "initiatives.change_initiative")
    member = get_object_or_404(TeamMember, pk=member_pk, initiative=initiative)
    services.team_member_remove(member=member, by=request.user)
    messages.success(
        request,
        _("%(name)s is off the team. It stays in the history.") % {"name": member.person},
    )
    return redirect(initiative)


def _planning_tool(
    request: HttpRequest,
    org_slug: str,
    pk: int,
    *,
    form_class: Any,
    save: Any,
    url_name: str,
    saved: str,
) -> tuple[Initiative, Any, bool] | Any:
    """Show a planning tool, and add an entry to it from the form on the same page."""
    initiative = _initiative(request, org_slug, pk, "initiatives.view_planning")
    can_change = request.user.has_perm("initiatives.change_initiative", initiative.organisation)
    form = form_class(_data(request))
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if form.is_valid():
            try:
                save(initiative=initiative, by=request.user, values=form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, saved)
                return redirect(f"initiatives:{url_name}", org_slug=org_slug, pk=pk)
    return initiative, form, can_change


def _field_label(model: Any, name: str) -> str:
    field = model._meta.get_field(name)
    return str(getattr(field, "verbose_name", name))


def _plan_history(initiative: Initiative, tool: str) -> list[dict[str, Any]]:
    """Corrections and removals in one planning tool, newest first, in words."""
    model = Stakeholder if tool == "stakeholder" else Priority

    def shown(value: Any) -> str:
        return str(_("Yes") if value is True else _("No") if value is False else value)

    return [
        {
            "event": event,
            "row": event.changes.get("row", ""),
            "changes": [
                (_field_label(model, name), shown(change[0]), shown(change[1]))
                for name, change in event.changes.items()
                if isinstance(change, list)
            ],
        }
        for event in history_of(
            initiative,
            20,
            action__in=[AuditAction.INITIATIVE_PLAN_CHANGE, AuditAction.INITIATIVE_PLAN_REMOVE],
            changes__tool=tool,
        )
    ]


@login_required
def stakeholders(request: HttpRequest, org_slug: str, pk: int) -> HttpResponse:
    outcome = _planning_tool(
        request,
        org_slug,
        pk,
        form_class=StakeholderForm,
        save=services.stakeholder_save,
        url_name="stakeholders",
        saved=_("Stakeholder added."),
    )
    if not isinstance(outcome, tuple):
        return outcome
    initiative, form, can_change = outcome
    grid = queries.stakeholder_grid(initiative)
    return render(
        request,
        "initiatives/stakeholders.html",
        {
            "initiative": initiative,
            "grid": grid,
            "form": form,
            "can_change": can_change,
            "left_out": [s for cell in grid for s in cell["items"] if s.left_out],
            "plan_history": _plan_history(initiative, "stakeholder"),
        },
    )


@login_required
def priorities(request: HttpRequest, org_slug: str, pk: int) -> HttpResponse:
    outcome = _planning_tool(
        request,
        org_slug,
        pk,
        form_class=PriorityForm,
        save=services.priority_save,
        url_name="priorities",
        saved=_("Activity added to the matrix."),
    )
    if not isinstance(outcome, tuple):
        return outcome
    initiative, form, can_change = outcome
    return render(
        request,
        "initiatives/priorities.html",
        {
            "initiative": initiative,
            "matrix": queries.priority_matrix(initiative),
            "form": form,
            "can_change": can_change,
            "plan_history": _plan_history(initiative, "priority"),
        },
    )


@login_required
def charter(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    initiative = _initiative(request, org_slug, pk, "initiatives.view_initiative")
    can_change = request.user.has_perm("initiatives.change_initiative", initiative.organisation)
    existing = getattr(initiative, "charter", None)
    form = CharterForm(_data(request), instance=existing)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if form.is_valid():
            services.charter_save(initiative=initiative, by=request.user, values=form.cleaned_data)
            messages.success(request, _("Charter saved. You can print it for the first meeting."))
            return redirect("initiatives:charter", org_slug=org_slug, pk=pk)
    return render(
        request,
        "initiatives/charter.html",
        {
            "initiative": initiative,
            "form": form,
            "charter": existing,
            "can_change": can_change,
            "can_plan": request.user.has_perm("initiatives.view_planning", initiative.organisation),
        },
    )


@login_required
@require_POST
def coverage_save(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    """Save which of the four Co's the team says the initiative covers; the coverage page
    (reports) shows it beside what its sessions count."""
    organisation = organisation_for_request(request, org_slug, "initiatives.change_initiative")
    initiative = queries.initiative_in(organisation=organisation, pk=pk)
    form = CoverageForm(request.POST)
    if form.is_valid():
        services.coverage_set(
            initiative=initiative, by=request.user, items=form.cleaned_data["items"]
        )
        messages.success(request, _("Coverage saved."))
    else:
        messages.error(request, _("Choose from the four Co's and their sub-types."))
    return redirect("reports:initiative-coverage", org_slug=org_slug, pk=pk)
