"""Staff pages for assessments: start a round, invite people, read results, agree, plan."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from coproduce.assessments import queries, sending, services
from coproduce.assessments.forms import (
    ActionForm,
    ActionStatusForm,
    AssessmentForm,
    InviteForm,
    LevelsForm,
    ModerationForm,
    ScaleForm,
    items_for,
)
from coproduce.assessments.models import Action, Assessment, AssessmentStatus, Respondent
from coproduce.assessments.plain import people_answered, said_for
from coproduce.core.exports import csv_response, xlsx_response
from coproduce.core.forms import add_service_errors
from coproduce.core.http import AuthedRequest
from coproduce.core.tenancy import organisation_for_request
from coproduce.web.welsh import in_reader_language

_LINK_SESSION_KEY = "assessment_new_link"


def _assessment(request: HttpRequest, org_slug: str, pk: int, perm: str) -> Assessment:
    organisation = organisation_for_request(request, org_slug)
    assessment = queries.assessment_in(organisation=organisation, pk=pk)
    if not request.user.has_perm(perm, assessment):
        raise PermissionDenied
    return assessment


@login_required
def assessment_list(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "assessments.list_assessments")
    return render(
        request,
        "assessments/assessment_list.html",
        {
            "assessments": queries.assessments_in(organisation),
            "can_add": request.user.has_perm("assessments.add_assessment", organisation),
        },
    )


@login_required
def assessment_create(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "assessments.add_assessment")
    form = AssessmentForm(
        request.POST if request.method == "POST" else None, organisation=organisation
    )
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.assessment_create(
                organisation=organisation, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Assessment started. Now invite people to answer."))
            return redirect(assessment)
    return render(request, "assessments/assessment_form.html", {"form": form})


@login_required
def assessment_detail(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    assessment = _assessment(request, org_slug, pk, "assessments.manage_assessment")
    form = InviteForm(
        request.POST if request.method == "POST" else None, organisation=assessment.organisation
    )
    if request.method == "POST" and form.is_valid():
        try:
            issued = services.respondent_invite(
                assessment=assessment, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            # Shown once on the next page; only its hash is stored.
            request.session[_LINK_SESSION_KEY] = {
                "label": issued.respondent.label,
                "url": request.build_absolute_uri(
                    reverse("assessments:answer-start", kwargs={"token": issued.token})
                ),
            }
            return redirect(assessment)
    return render(
        request,
        "assessments/assessment_detail.html",
        {
            "assessment": assessment,
            "form": form,
            "new_link": request.session.pop(_LINK_SESSION_KEY, None),
            "respondents": queries.respondents_of(assessment),
            "statement_count": len(queries.statements_of(assessment)),
            "can_remind": assessment.status == AssessmentStatus.OPEN
            and assessment.respondents.filter(
                submitted_at__isnull=True,
                withdrawn_at__isnull=True,
                reminded_at__isnull=True,
                person__isnull=False,
            ).exists(),
        },
    )


@login_required
@require_POST
def respondents_remind(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    assessment = _assessment(request, org_slug, pk, "assessments.manage_assessment")
    try:
        count = sending.respondents_remind(assessment=assessment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext(
                "A reminder is on its way to %(n)s person.",
                "Reminders are on their way to %(n)s people.",
                count,
            )
            % {"n": count},
        )
    return redirect(assessment)


@login_required
@require_POST
def respondent_withdraw(
    request: AuthedRequest, org_slug: str, pk: int, respondent_pk: int
) -> HttpResponse:
    assessment = _assessment(request, org_slug, pk, "assessments.manage_assessment")
    respondent = get_object_or_404(Respondent, pk=respondent_pk, assessment=assessment)
    services.respondent_withdraw(respondent=respondent, by=request.user)
    messages.success(request, _("%(label)s's answers no longer count.") % {"label": respondent})
    return redirect(assessment)


@login_required
def assessment_results(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    assessment = _assessment(request, org_slug, pk, "assessments.view_results")
    can_manage = request.user.has_perm("assessments.manage_assessment", assessment)
    items = items_for(assessment)
    results = queries.results_for(assessment)
    listed = [result.item for result in results.items]  # read once for both forms
    moderation_form = ModerationForm(
        request.POST if request.method == "POST" else None,
        items=items,
        listed=listed,
        prefix="moderate",
    )
    action_form = ActionForm(
        request.POST if request.method == "POST" else None,
        items=items,
        listed=listed,
        prefix="action",
    )
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        form = moderation_form if "moderate-item" in request.POST else action_form
        if form.is_valid():
            try:
                if form is moderation_form:
                    services.moderation_record(
                        assessment=assessment, by=request.user, **form.cleaned_data
                    )
                    messages.success(request, _("Agreed score saved."))
                else:
                    services.action_create(
                        assessment=assessment, by=request.user, **form.cleaned_data
                    )
                    messages.success(request, _("Action added to the plan."))
                return redirect("assessments:assessment-results", org_slug=org_slug, pk=pk)
            except ValidationError as error:
                add_service_errors(form, error)
    plain = not request.user.has_perm("assessments.view_statistics", assessment)
    points = list(assessment.scale.points.all())
    chart = {
        "labels": [str(in_reader_language(r.item, "title")) for r in results.items],
        "datasets": [
            {"label": label, "data": [r.by_group[g].mean for r in results.items]}
            for g, label in results.groups
        ],
        "max": max(p.value for p in points),
    }
    return render(
        request,
        "assessments/assessment_results.html",
        {
            "assessment": assessment,
            "results": results,
            "chart": chart,
            "can_manage": can_manage,
            "moderation_form": moderation_form if can_manage else None,
            "action_form": action_form if can_manage else None,
            "actions": assessment.actions.select_related("item"),
            "status_form": ActionStatusForm(),
            "scale_points": points,
            "plain": plain,
            "said": said_for(assessment, results) if plain else None,
            "answered": people_answered(results),
        },
    )


@login_required
@require_POST
def action_status(request: AuthedRequest, org_slug: str, pk: int, action_pk: int) -> HttpResponse:
    assessment = _assessment(request, org_slug, pk, "assessments.manage_assessment")
    action = get_object_or_404(Action, pk=action_pk, assessment=assessment)
    form = ActionStatusForm(request.POST)
    if form.is_valid():
        services.action_set_status(
            action=action, by=request.user, status=form.cleaned_data["status"]
        )
        messages.success(request, _("Action updated."))
    return redirect("assessments:assessment-results", org_slug=org_slug, pk=pk)


EXPORT_HEADER = [
    "respondent",
    "group",
    "status",
    "item",
    "statement",
    "score",
    "dont_know",
    "evidence",
    "evidence_link",
]


def _export_rows(assessment: Assessment) -> list[list[object]]:
    rows: list[list[object]] = []
    for answer in queries.answers_for_export(assessment):
        respondent = answer.respondent
        status = (
            "withdrawn"
            if respondent.withdrawn_at
            else "submitted"
            if respondent.submitted_at
            else "not sent yet"
        )
        rows.append(
            [
                respondent.label,
                respondent.get_group_display(),
                status,
                answer.statement.item.title,
                answer.statement.text,
                "" if answer.score is None else answer.score,
                "yes" if answer.dont_know else "no",
                answer.evidence,
                answer.evidence_link,
            ]
        )
    return rows


@login_required
def assessment_export(request: HttpRequest, org_slug: str, pk: int, fmt: str) -> HttpResponse:
    """All answers, under respondent labels rather than names (pseudonymous)."""
    assessment = _assessment(request, org_slug, pk, "assessments.export_answers")
    if fmt not in {"csv", "xlsx"}:
        raise Http404("No such export.")
    rows = _export_rows(assessment)
    filename = f"assessment-{assessment.pk}-round-{assessment.round_number}"
    if fmt == "csv":
        return csv_response([EXPORT_HEADER, *rows], f"{filename}.csv")
    return xlsx_response({"Answers": [EXPORT_HEADER, *rows]}, f"{filename}.xlsx")


@login_required
def levels_edit(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "assessments.set_levels")
    current = services.levels_ensure(organisation)
    initial = "\n".join(f"{level.name} = {level.minimum.normalize()}" for level in current)
    form = LevelsForm(
        request.POST if request.method == "POST" else None, initial={"levels": initial}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.levels_set(
                organisation=organisation, by=request.user, levels=form.cleaned_data["levels"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Levels saved."))
            return redirect("assessments:assessment-list", org_slug=org_slug)
    return render(
        request,
        "assessments/levels_form.html",
        {"form": form, "scales": queries.scales_for(organisation)},
    )


@login_required
def scale_create(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "assessments.set_levels")
    form = ScaleForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.scale_create(organisation=organisation, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Scale saved. You can choose it for new assessments."))
            return redirect("assessments:levels-edit", org_slug=org_slug)
    return render(request, "assessments/scale_form.html", {"form": form})
