"""Pages for people answering through a private link. No account needed.

The link is the key: it works until the answers are sent or it expires, and
answers are saved as people go, so they can stop and come back.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from coproduce.assessments import queries, services
from coproduce.assessments.forms import DONT_KNOW, AnswerForm, PreferencesForm
from coproduce.assessments.models import Answer, Respondent
from coproduce.frameworks.models import Statement
from coproduce.people.language import speak_their_language
from coproduce.web.welsh import in_reader_language

PROBLEM_STATUS = {"unknown": 404, "used": 410, "expired": 410, "withdrawn": 410, "closed": 410}


def _problem(request: HttpRequest, reason: str) -> HttpResponse:
    return render(
        request,
        "assessments/answer_link_problem.html",
        {"reason": reason},
        status=PROBLEM_STATUS.get(reason, 410),
    )


def _initial(answer: Answer | None) -> dict[str, str]:
    if answer is None:
        return {}
    return {
        "rating": DONT_KNOW if answer.dont_know else str(answer.score),
        "evidence": answer.evidence,
        "evidence_link": answer.evidence_link,
    }


def _form(
    respondent: Respondent,
    statement: Statement,
    data: object = None,
    answer: Answer | None = None,
    required: bool = True,
    prefix: str | None = None,
) -> AnswerForm:
    return AnswerForm(
        data,
        initial=_initial(answer),
        statement=statement,
        scale=respondent.assessment.scale,
        easy_read=respondent.easy_read,
        required=required,
        prefix=prefix,
    )


def _for_link(request: HttpRequest, token: str) -> Any:
    """The respondent behind the link, with the page in their language."""
    respondent = services.respondent_for_link(token)
    speak_their_language(request, respondent.person)
    return respondent


@never_cache
def answer_start(request: HttpRequest, token: str) -> HttpResponse:
    try:
        respondent = _for_link(request, token)
    except services.LinkError as problem:
        return _problem(request, problem.reason)
    form = PreferencesForm(
        request.POST if request.method == "POST" else None,
        initial={
            "one_per_screen": "yes" if respondent.one_per_screen else "no",
            "easy_read": respondent.easy_read,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.respondent_set_preferences(respondent=respondent, **form.cleaned_data)
        if respondent.one_per_screen:
            # Coming back picks up at the first statement not yet answered.
            answered = set(respondent.answers.values_list("statement_id", flat=True))
            statements = queries.statements_of(respondent.assessment)
            for number, statement in enumerate(statements, start=1):
                if statement.pk not in answered:
                    return redirect("assessments:answer-statement", token=token, number=number)
            return redirect("assessments:answer-check", token=token)
        return redirect("assessments:answer-all", token=token)
    statements = queries.statements_of(respondent.assessment)
    return render(
        request,
        "assessments/answer_start.html",
        {
            "respondent": respondent,
            "form": form,
            "count": len(statements),
            "answered": respondent.answers.count(),
            "token": token,
        },
    )


@never_cache
def answer_statement(request: HttpRequest, token: str, number: int) -> HttpResponse:
    try:
        respondent = _for_link(request, token)
    except services.LinkError as problem:
        return _problem(request, problem.reason)
    statements = queries.statements_of(respondent.assessment)
    if not 1 <= number <= len(statements):
        return redirect("assessments:answer-check", token=token)
    statement = statements[number - 1]
    existing = respondent.answers.filter(statement=statement).first()
    form = _form(
        respondent, statement, request.POST if request.method == "POST" else None, existing
    )
    if request.method == "POST":
        leaving = request.POST.get("go") == "later"
        if leaving and not request.POST.get("rating"):
            return redirect("assessments:answer-saved", token=token)
        if form.is_valid():
            answer = form.answer()
            try:
                services.answers_save(respondent=respondent, answers=[answer] if answer else [])
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                if leaving:
                    return redirect("assessments:answer-saved", token=token)
                if number < len(statements):
                    return redirect("assessments:answer-statement", token=token, number=number + 1)
                return redirect("assessments:answer-check", token=token)
    return render(
        request,
        "assessments/answer_statement.html",
        {
            "respondent": respondent,
            "form": form,
            "number": number,
            "count": len(statements),
            "token": token,
            "statement": statement,
        },
        status=400 if form.errors else 200,
    )


@never_cache
def answer_all(request: HttpRequest, token: str) -> HttpResponse:
    try:
        respondent = _for_link(request, token)
    except services.LinkError as problem:
        return _problem(request, problem.reason)
    statements = queries.statements_of(respondent.assessment)
    existing = queries.answers_by_statement(respondent)
    forms = [
        _form(
            respondent,
            s,
            request.POST if request.method == "POST" else None,
            existing.get(s.pk),
            required=False,
            prefix=f"s{s.pk}",
        )
        for s in statements
    ]
    if request.method == "POST" and all(form.is_valid() for form in forms):
        answers = [a for a in (form.answer() for form in forms) if a is not None]
        try:
            services.answers_save(respondent=respondent, answers=answers)
        except ValidationError as error:
            forms[0].add_error(None, error.messages)
        else:
            if request.POST.get("go") == "later":
                return redirect("assessments:answer-saved", token=token)
            return redirect("assessments:answer-check", token=token)
    return render(
        request,
        "assessments/answer_all.html",
        {"respondent": respondent, "forms": forms, "token": token},
        status=400 if any(form.errors for form in forms) else 200,
    )


@never_cache
def answer_check(request: HttpRequest, token: str) -> HttpResponse:
    try:
        respondent = _for_link(request, token)
    except services.LinkError as problem:
        return _problem(request, problem.reason)
    statements = queries.statements_of(respondent.assessment)
    answers = queries.answers_by_statement(respondent)
    error = ""
    if request.method == "POST":
        try:
            services.respondent_submit(respondent=respondent)
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            # The thank-you page has no link to know them by: it keeps their language.
            done = reverse("assessments:answer-done")
            return redirect(f"{done}?lang={translation.get_language()}")
    points = {
        p.value: in_reader_language(p, "label") for p in respondent.assessment.scale.points.all()
    }

    def shown(answer: Answer | None) -> str | None:
        if answer is None:
            return None
        if answer.dont_know or answer.score is None:
            return _("I don't know")
        return f"{answer.score}: {points.get(answer.score, '')}"

    rows = [
        {"number": n, "statement": s, "answer": shown(answers.get(s.pk))}
        for n, s in enumerate(statements, start=1)
    ]
    return render(
        request,
        "assessments/answer_check.html",
        {
            "respondent": respondent,
            "rows": rows,
            "token": token,
            "error": error,
            "unanswered": sum(1 for row in rows if row["answer"] is None),
        },
    )


@never_cache
def answer_saved(request: HttpRequest, token: str) -> HttpResponse:
    try:
        respondent = _for_link(request, token)
    except services.LinkError as problem:
        return _problem(request, problem.reason)
    return render(
        request, "assessments/answer_saved.html", {"respondent": respondent, "token": token}
    )


def answer_done(request: HttpRequest) -> HttpResponse:
    language = request.GET.get("lang", "")
    if language in dict(settings.LANGUAGES) and not request.COOKIES.get(
        settings.LANGUAGE_COOKIE_NAME
    ):
        translation.activate(language)
        request.LANGUAGE_CODE = language
    return render(request, "assessments/answer_done.html")
