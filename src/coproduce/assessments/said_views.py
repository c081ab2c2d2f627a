"""What people said in an assessment, in easy read, for everyone in the organisation:
co-producers see what came of the answers they gave."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from coproduce.assessments import plain, queries
from coproduce.assessments.models import ActionStatus, AssessmentStatus
from coproduce.core.tenancy import organisation_for_request
from coproduce.web.pictures import Point


@login_required
def said_list(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "assessments.read_said")
    return render(
        request,
        "assessments/said_list.html",
        {"assessments": queries.assessments_to_share(organisation)},
    )


@login_required
def said_detail(request: HttpRequest, org_slug: str, pk: int) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "assessments.read_said")
    assessment = queries.assessments_to_share(organisation).filter(pk=pk).first()
    if assessment is None:
        raise Http404("Not enough answers to share yet.")
    results = queries.results_for(assessment)
    said = plain.said_for(assessment, results)
    actions = [
        Point("yes" if action.status == ActionStatus.DONE else "idea", action.title)
        for action in assessment.actions.all()
    ]
    return render(
        request,
        "assessments/said.html",
        {
            "assessment": assessment,
            "answered": plain.people_answered(results),
            "points": plain.easy_points(said),
            "actions": actions,
            "still_open": assessment.status == AssessmentStatus.OPEN,
        },
    )
