"""Pages for surveys: writing one, its results, and answering it through its link."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from coproduce.core.errors import CONFLICT
from coproduce.core.exports import download_format, table_response
from coproduce.core.forms import add_service_errors
from coproduce.core.http import AuthedRequest, device_of
from coproduce.core.models import User
from coproduce.core.tenancy import organisation_for_request
from coproduce.evidence import queries, services
from coproduce.evidence.models import QuestionKind, Survey, SurveyLink, SurveyStatus
from coproduce.evidence.surveys import sending
from coproduce.evidence.surveys.forms import (
    QuestionFormSet,
    SurveyForm,
    SurveySettingsForm,
)
from coproduce.evidence.versions import evidence_key
from coproduce.people.language import speak_their_language
from coproduce.people.models import Person
from coproduce.people.own_links import OwnLinksForm
from coproduce.web.forms import posted


@login_required
def survey_list(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "evidence.view")
    return render(
        request,
        "evidence/survey_list.html",
        {
            "surveys": queries.surveys_in(organisation),
            "can_manage": request.user.has_perm("evidence.manage", organisation),
        },
    )


@login_required
def survey_create(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "evidence.manage")
    post = request.POST if request.method == "POST" else None
    form = SurveyForm(post, organisation=organisation)
    questions = QuestionFormSet(post, prefix="q")
    if request.method == "POST" and form.is_valid() and questions.is_valid():
        specs = [spec for q in questions.forms if (spec := q.spec()) is not None]
        try:
            survey = services.survey_create(
                organisation=organisation,
                by=request.user,
                title=form.cleaned_data["title"],
                introduction=form.cleaned_data["introduction"],
                initiative=form.cleaned_data["initiative"],
                questions=specs,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Survey saved. Open it for answers when it is ready."))
            return redirect(survey)
    return render(request, "evidence/survey_form.html", {"form": form, "questions": questions})


@login_required
def survey_detail(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "evidence.view")
    survey = queries.survey_in(organisation=organisation, pk=pk)
    can_manage = request.user.has_perm("evidence.manage", organisation)
    words = can_manage or survey.share_words
    fmt = download_format(request)
    if fmt:
        rows = queries.response_rows(survey, words=words)
        return table_response(rows, f"survey-{survey.pk}-responses", fmt, _("Responses"))
    if request.method == "POST" and not can_manage:
        raise PermissionDenied
    form = SurveySettingsForm(
        request.POST if request.method == "POST" else None,
        initial={
            "status": survey.status,
            "sent_count": survey.sent_count,
            "share_words": survey.share_words,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.survey_set(survey=survey, by=request.user, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect(survey)
    return render(
        request,
        "evidence/survey_detail.html",
        {
            "survey": survey,
            "results": queries.survey_results(survey, words=words),
            "evidence_key": evidence_key(organisation.pk, survey.pk, words),
            "form": form,
            "can_manage": can_manage,
            "can_raise": request.user.has_perm("influence.add_item", organisation),
            "link": request.build_absolute_uri(
                reverse("evidence:survey-answer", kwargs={"key": survey.key})
            ),
        },
    )


def _answers(request: HttpRequest, survey: Survey) -> dict[int, str]:
    return {q.pk: request.POST.get(f"q{q.pk}", "") for q in survey.questions.all()}


def _answer_page(
    request: HttpRequest,
    survey: Survey,
    *,
    entered_by: User | None = None,
    done_url: str = "",
    link: SurveyLink | None = None,
) -> HttpResponse:
    error = ""
    status = 200
    given: dict[int, str] = {}
    if request.method == "POST":
        given = _answers(request, survey)
        try:
            services.response_submit(
                survey=survey,
                answers=given,
                entered_by=entered_by,
                link=link,
                device="" if entered_by or link else device_of(request, str(survey.pk)),
            )
        except ValidationError as problem:
            error = " ".join(problem.messages)
            status = _status_of(problem)
        else:
            if done_url:
                messages.success(request, _("Response saved. You can enter another."))
                return redirect(done_url)
            return render(request, "evidence/survey_thanks.html", {"survey": survey})
    questions = [
        {
            "question": q,
            "options": q.options(),
            "given": given.get(q.pk, ""),
            "is_text": q.kind == QuestionKind.TEXT,
        }
        for q in survey.questions.all()
    ]
    return render(
        request,
        "evidence/survey_answer.html",
        {"survey": survey, "questions": questions, "error": error, "entering": entered_by},
        status=status,
    )


def _status_of(problem: ValidationError) -> int:
    codes = {e.code for errors in getattr(problem, "error_dict", {}).values() for e in errors}
    if services.TOO_MANY in codes:
        return 429
    return 409 if CONFLICT in codes else 422


@never_cache
def survey_answer(request: HttpRequest, key: str) -> HttpResponse:
    """Open to anyone with the link, no account needed."""
    survey = get_object_or_404(Survey.objects.select_related("organisation"), key=key)
    if survey.status != SurveyStatus.OPEN:
        return render(request, "evidence/survey_closed.html", {"survey": survey}, status=410)
    return _answer_page(request, survey)


@never_cache
def survey_answer_own(request: HttpRequest, token: str) -> HttpResponse:
    """A person's own link: no account needed, and it takes one response."""
    link = queries.survey_link(token)
    speak_their_language(request, link.person)
    survey = link.survey
    if link.response_id is not None:
        return render(request, "evidence/survey_thanks.html", {"survey": survey, "again": True})
    if survey.status != SurveyStatus.OPEN:
        return render(request, "evidence/survey_closed.html", {"survey": survey}, status=410)
    return _answer_page(request, survey, link=link)


@login_required
def survey_links(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    """Give people their own links; each is shown once, to copy and send."""
    organisation = organisation_for_request(request, org_slug, "evidence.manage")
    survey = queries.survey_in(organisation=organisation, pk=pk)
    form = OwnLinksForm(
        posted(request),
        organisation=organisation,
        help_text=_("Each link takes one answer. People who have a link already keep it."),
    )
    made: list[tuple[Person, str]] = []
    already = sent = 0
    if request.method == "POST" and form.is_valid():
        tokens = services.survey_links_create(
            survey=survey,
            by=request.user,
            people=form.cleaned_data["people"],
            send=form.cleaned_data["send"],
        )
        made = [
            (person, request.build_absolute_uri(reverse("evidence:survey-own", args=[token])))
            for person, token in tokens
        ]
        sent = len(made) if form.cleaned_data["send"] else 0
        already = len(form.cleaned_data["people"]) - len(made)
    return render(
        request,
        "evidence/survey_links.html",
        {
            "survey": survey,
            "form": form,
            "made": made,
            "already": already,
            "sent": sent,
            "given": survey.links.count(),
            "can_remind": survey.links.filter(
                response__isnull=True, reminded_at__isnull=True, person__isnull=False
            ).exists(),
            "answered": survey.links.filter(response__isnull=False).count(),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def survey_remind(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    """One reminder to each person with their own link who has not answered."""
    organisation = organisation_for_request(request, org_slug, "evidence.manage")
    survey = queries.survey_in(organisation=organisation, pk=pk)
    try:
        count = sending.survey_remind(survey=survey, by=request.user)
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
    return redirect("evidence:survey-links", org_slug=org_slug, pk=pk)


@login_required
def survey_enter(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    """A coordinator types in an answer given on paper or by phone."""
    organisation = organisation_for_request(request, org_slug, "evidence.manage")
    survey = queries.survey_in(organisation=organisation, pk=pk)
    return _answer_page(
        request,
        survey,
        entered_by=request.user,
        done_url=reverse("evidence:survey-enter", kwargs={"org_slug": org_slug, "pk": pk}),
    )
