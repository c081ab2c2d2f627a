"""Reads for surveys: the list, one survey, and its results."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

from django.db.models import (
    Count,
    Q,
    QuerySet,
)
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.core.models import Organisation, hash_secret
from coproduce.evidence import figures
from coproduce.evidence.models import (
    QuestionKind,
    Survey,
    SurveyAnswer,
    SurveyLink,
)
from coproduce.evidence.surveys.models import AGREEING
from coproduce.evidence.versions import kept_evidence


def surveys_in(organisation: Organisation, initiative: Any = None) -> QuerySet[Survey]:
    found = (
        Survey.objects.filter(organisation=organisation)
        .select_related("organisation")
        .annotate(response_count=Count("responses"))
    )
    if initiative is not None:
        found = found.filter(initiative=initiative)
    return found


def survey_in(*, organisation: Organisation, pk: Any) -> Survey:
    return get_object_or_404(
        Survey.objects.select_related("organisation"), organisation=organisation, pk=pk
    )


def survey_link(token: str) -> SurveyLink:
    """A person's own survey link, by the secret in it."""
    hashed = hash_secret(token)
    return get_object_or_404(
        SurveyLink.objects.select_related("survey__organisation"),
        Q(token_hash=hashed) | Q(reminder_token_hash=hashed),
    )


def _repeated_devices(survey: Survey) -> QuerySet[Any]:
    """Devices that answered through the open link more than once: repeats, or people
    sharing one computer."""
    return (
        survey.responses.exclude(device="")
        .values("device")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values("device")
        .order_by()
    )


def survey_results(survey: Survey, words: bool = True) -> dict[str, Any]:
    """Response and completion rates, and each question's answers with its own
    denominator: the people who answered that question. People's own words only when
    `words` (a viewer sees them when the survey shares them)."""
    return kept_evidence(
        survey.organisation_id, "survey", (survey.pk, words), lambda: _results(survey, words)
    )


def _results(survey: Survey, words: bool) -> dict[str, Any]:
    counted = survey.responses.aggregate(
        all=Count("id"),
        complete=Count("id", filter=Q(is_complete=True)),
        repeats=Count("id", filter=Q(device__in=_repeated_devices(survey))),
    )
    responses, complete = counted["all"], counted["complete"]
    answers = SurveyAnswer.objects.filter(response__survey=survey)
    counts = Counter(
        {
            (row["question_id"], row["choice"]): row["n"]
            for row in answers.values("question_id", "choice").annotate(n=Count("id")).order_by()
        }
    )
    # Up to 50 of each question's written answers, (answer, words), for pages that link
    # each one; the words alone are the "comments".
    written: dict[int, list[tuple[int, str]]] = defaultdict(list)
    found = (
        answers.exclude(text="").values_list("question_id", "pk", "text")[:5000] if words else []
    )
    for qid, pk, text in found:
        if len(written[qid]) < 50:
            written[qid].append((pk, text))
    questions = []
    for question in survey.questions.all():
        answered = sum(n for (qid, _c), n in counts.items() if qid == question.pk)
        options = [
            {
                "key": key,
                "label": label,
                "count": counts[(question.pk, key)],
                "share": figures.rate(counts[(question.pk, key)], answered),
            }
            for key, label in question.options()
        ]
        agreeing = sum(counts[(question.pk, key)] for key in AGREEING)
        questions.append(
            {
                "question": question,
                "answered": answered,
                "skipped": responses - answered,
                "options": options,
                "agreeing": agreeing,
                "agreement": figures.rate(agreeing, answered)
                if question.kind == QuestionKind.AGREE
                else None,
                "comments": [text for _pk, text in written[question.pk]],
                "written": written[question.pk],
            }
        )
    return {
        "sent": survey.sent_count,
        "responses": responses,
        "complete": complete,
        "response_rate": figures.rate(responses, survey.sent_count),
        "completion_rate": figures.rate(complete, responses),
        "questions": questions,
        "words_hidden": not words,
        "possible_repeats": counted["repeats"],
    }


def answers_by_response(
    survey: Survey, response_ids: list[int], words: bool
) -> dict[int, dict[int, str]]:
    """Each response's answers by question, with people's own words only where the reader
    may see them (otherwise "(words not shared)")."""
    answers: dict[int, dict[int, str]] = defaultdict(dict)
    for answer in SurveyAnswer.objects.filter(
        response__survey=survey, response_id__in=response_ids
    ).values("response_id", "question_id", "choice", "text"):
        answers[answer["response_id"]][answer["question_id"]] = answer["choice"] or (
            answer["text"] if words else (_("(words not shared)") if answer["text"] else "")
        )
    return answers


def response_rows(survey: Survey, words: bool) -> Iterator[list[Any]]:
    """Every response, a row each, a column for each question, as the page shows them:
    people's own words only where the reader may see them. Never who answered."""
    questions = list(survey.questions.order_by("position", "id"))
    yield [_("Response"), _("Sent on"), _("Entered from paper"), *(q.text for q in questions)]
    answers: dict[int, dict[int, str]] = defaultdict(dict)
    for answer in SurveyAnswer.objects.filter(response__survey=survey).values(
        "response_id", "question_id", "choice", "text"
    ):
        answers[answer["response_id"]][answer["question_id"]] = answer["choice"] or (
            answer["text"] if words else (_("(words not shared)") if answer["text"] else "")
        )
    for number, response in enumerate(
        survey.responses.order_by("submitted_at", "id").values("pk", "submitted_at", "entered_by"),
        start=1,
    ):
        given = answers.get(response["pk"], {})
        yield [
            number,
            timezone.localtime(response["submitted_at"]).date().isoformat(),
            _("Yes") if response["entered_by"] else _("No"),
            *(given.get(q.pk, "") for q in questions),
        ]
