"""Writes for outcomes and surveys."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from coproduce.core.errors import conflict
from coproduce.core.models import AuditAction, Organisation, User
from coproduce.core.services import audit_record
from coproduce.evidence.models import (
    OutcomeRecord,
    Question,
    QuestionKind,
    Survey,
    SurveyAnswer,
    SurveyResponse,
    SurveyStatus,
)
from coproduce.frameworks.models import FrameworkKind

OUTCOME_FIELDS = ("baseline", "follow_up", "self_reported", "note", "recorded_on")


@transaction.atomic
def outcome_record(
    *,
    organisation: Organisation,
    by: User,
    item: Any,
    details: Mapping[str, Any],
    person: Any = None,
    initiative: Any = None,
) -> OutcomeRecord:
    """Record a change for a person or an initiative against an outcome framework item."""
    if item.framework.kind != FrameworkKind.OUTCOMES or item.framework.organisation_id not in (
        None,
        organisation.pk,
    ):
        raise ValidationError({"item": _("Choose an item of an outcome framework.")})
    if person is not None and person.organisation_id != organisation.pk:
        raise ValidationError({"person": _("Choose someone from this organisation.")})
    if initiative is not None and initiative.organisation_id != organisation.pk:
        raise ValidationError({"initiative": _("Choose an initiative of this organisation.")})
    if person is None and initiative is None:
        raise ValidationError(
            {"person": _("Say whose outcome this is: a person, an initiative, or both.")}
        )
    record = OutcomeRecord(
        organisation=organisation,
        item=item,
        person=person,
        initiative=initiative,
        recorded_by=by,
        **{k: v for k, v in details.items() if k in OUTCOME_FIELDS and v is not None},
    )
    if record.baseline is None and record.follow_up is None and not record.self_reported:
        raise ValidationError(
            {
                "baseline": _(
                    "Give a score at the start, at follow-up, or the change in their words."
                )
            }
        )
    for name in ("baseline", "follow_up"):
        score = getattr(record, name)
        if score is not None and not 1 <= score <= 10:
            raise ValidationError({name: _("Scores go from 1 to 10.")})
    record.full_clean(exclude=["organisation", "item", "person", "initiative", "recorded_by"])
    record.save()
    audit_record(
        organisation=organisation,
        actor=by,
        action=AuditAction.EVIDENCE_OUTCOME,
        target=record,
        on_behalf_of=person.pk if person is not None else None,
    )
    return record


@transaction.atomic
def survey_create(
    *,
    organisation: Organisation,
    by: User,
    title: str,
    introduction: str = "",
    initiative: Any = None,
    questions: Sequence[Mapping[str, Any]],
) -> Survey:
    """Write a survey and its questions; it opens for answers separately."""
    if initiative is not None and initiative.organisation_id != organisation.pk:
        raise ValidationError({"initiative": _("Choose an initiative of this organisation.")})
    if not questions:
        raise ValidationError({"questions": _("Add at least one question.")})
    survey = Survey(
        organisation=organisation,
        initiative=initiative,
        title=title.strip(),
        introduction=introduction.strip(),
        created_by=by,
    )
    survey.full_clean(exclude=["organisation", "initiative", "created_by", "key"])
    survey.save()
    for position, spec in enumerate(questions, start=1):
        kind, text = spec.get("kind", ""), str(spec.get("text", "")).strip()
        choices = [str(c).strip() for c in spec.get("choices") or [] if str(c).strip()]
        if kind not in QuestionKind.values:
            raise ValidationError(
                {"questions": _("Question %(n)s: choose a kind.") % {"n": position}}
            )
        if not text:
            raise ValidationError(
                {"questions": _("Question %(n)s: write the question.") % {"n": position}}
            )
        if kind == QuestionKind.CHOICE and len(set(choices)) < 2:
            raise ValidationError(
                {
                    "questions": _("Question %(n)s: give at least two different choices.")
                    % {"n": position}
                }
            )
        Question.objects.create(
            survey=survey,
            position=position,
            kind=kind,
            text=text[:300],
            choices=list(dict.fromkeys(choices)) if kind == QuestionKind.CHOICE else [],
        )
    audit_record(
        organisation=organisation, actor=by, action=AuditAction.EVIDENCE_SURVEY, target=survey
    )
    return survey


@transaction.atomic
def survey_set(
    *, survey: Survey, by: User, status: str | None = None, sent_count: int | None = None
) -> Survey:
    """Open or close a survey, and record how many people were given it."""
    if status is not None:
        if status not in SurveyStatus.values:
            raise ValidationError({"status": _("Choose a status from the list.")})
        survey.status = status
    if sent_count is not None:
        if not 0 <= sent_count <= 10_000_000:
            raise ValidationError({"sent_count": _("Enter how many people were given it.")})
        survey.sent_count = sent_count
    survey.save(update_fields=["status", "sent_count"])
    audit_record(
        organisation=survey.organisation,
        actor=by,
        action=AuditAction.EVIDENCE_SURVEY_CHANGE,
        target=survey,
        changes={"status": survey.status, "sent_count": survey.sent_count},
    )
    return survey


@transaction.atomic
def response_submit(
    *, survey: Survey, answers: Mapping[int, str], entered_by: User | None = None
) -> SurveyResponse:
    """Save one person's answers. Any question may be skipped; a response that answers
    every question is complete. Answers outside a question's choices are refused."""
    if survey.status != SurveyStatus.OPEN and entered_by is None:
        raise conflict("survey", _("This survey is not taking answers at the moment."))
    questions = {q.pk: q for q in survey.questions.all()}
    cleaned: dict[int, str] = {}
    for question_id, raw in answers.items():
        question = questions.get(question_id)
        if question is None:
            raise ValidationError({f"q{question_id}": _("There is no such question.")})
        value = str(raw).strip()
        if not value:
            continue
        if question.kind != QuestionKind.TEXT and value not in dict(question.options()):
            raise ValidationError({f"q{question_id}": _("Choose one of the answers given.")})
        cleaned[question_id] = value[:5000]
    if not cleaned:
        raise ValidationError({"answers": _("Answer at least one question.")})
    response = SurveyResponse.objects.create(
        organisation=survey.organisation,
        survey=survey,
        is_complete=len(cleaned) == len(questions),
        entered_by=entered_by,
    )
    SurveyAnswer.objects.bulk_create(
        SurveyAnswer(
            organisation=survey.organisation,
            response=response,
            question_id=qid,
            choice=value if questions[qid].kind != QuestionKind.TEXT else "",
            text=value if questions[qid].kind == QuestionKind.TEXT else "",
        )
        for qid, value in cleaned.items()
    )
    return response
