"""Writes for outcomes and surveys."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
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
    SurveyLink,
    SurveyResponse,
    SurveyStatus,
)
from coproduce.evidence.surveys.sending import links_send
from coproduce.evidence.versions import evidence_changed
from coproduce.frameworks.models import FrameworkKind
from coproduce.people.models import Person
from coproduce.people.own_links import own_links_create

# Through the open link, one device may send this many answers an hour. A family or a
# drop-in sharing one computer stays well within it; a script does not.
OPEN_LINK_PER_HOUR = 5
TOO_MANY = "too_many"

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
    *,
    survey: Survey,
    by: User,
    status: str | None = None,
    sent_count: int | None = None,
    share_words: bool | None = None,
) -> Survey:
    """Open or close a survey, record how many people were given it, and say whether
    viewers and evidence packs show people's own words."""
    if status is not None:
        if status not in SurveyStatus.values:
            raise ValidationError({"status": _("Choose a status from the list.")})
        survey.status = status
    if sent_count is not None:
        if not 0 <= sent_count <= 10_000_000:
            raise ValidationError({"sent_count": _("Enter how many people were given it.")})
        survey.sent_count = sent_count
    if share_words is not None:
        survey.share_words = share_words
    survey.save(update_fields=["status", "sent_count", "share_words"])
    audit_record(
        organisation=survey.organisation,
        actor=by,
        action=AuditAction.EVIDENCE_SURVEY_CHANGE,
        target=survey,
        changes={
            "status": survey.status,
            "sent_count": survey.sent_count,
            "share_words": survey.share_words,
        },
    )
    return survey


@transaction.atomic
def survey_links_create(
    *, survey: Survey, by: User, people: Iterable[Person], send: bool = False
) -> list[tuple[Person, str]]:
    """Give each person their own link, which takes one response. People who have one
    already are left as they are. The links are returned once; only hashes are kept.
    With `send`, each is sent their link the way they prefer."""
    made = own_links_create(SurveyLink, people=people, survey=survey)
    if send:
        links_send(survey=survey, by=by, made=made)
    if made:
        Survey.objects.filter(pk=survey.pk).update(sent_count=survey.sent_count + len(made))
        survey.sent_count += len(made)
        evidence_changed(survey.organisation_id)
        audit_record(
            organisation=survey.organisation,
            actor=by,
            action=AuditAction.EVIDENCE_SURVEY_CHANGE,
            target=survey,
            changes={"links": len(made), "sent_count": survey.sent_count},
        )
    return made


def _claim_link(link: SurveyLink) -> SurveyLink:
    """The link, locked until the response is saved, if it has not been used."""
    locked = SurveyLink.objects.select_for_update().get(pk=link.pk)
    if locked.response_id is not None:
        raise conflict("link", _("You have answered this survey already. Thank you."))
    return locked


def _check_device(survey: Survey, device: str) -> None:
    hour_ago = timezone.now() - datetime.timedelta(hours=1)
    recent = SurveyResponse.objects.filter(
        survey=survey, device=device, submitted_at__gte=hour_ago
    ).count()
    if recent >= OPEN_LINK_PER_HOUR:
        raise ValidationError(
            {
                "survey": ValidationError(
                    _(
                        "We have had several answers from this device in the last hour. "
                        "Please try again later, or ask the people running the survey "
                        "for a paper copy."
                    ),
                    code=TOO_MANY,
                )
            }
        )


@transaction.atomic
def response_submit(
    *,
    survey: Survey,
    answers: Mapping[int, str],
    entered_by: User | None = None,
    link: SurveyLink | None = None,
    device: str = "",
) -> SurveyResponse:
    """Save one person's answers. Any question may be skipped; a response that answers
    every question is complete. Answers outside a question's choices are refused.

    Through a person's own link, one response only. Through the open link (`device`
    given), a few an hour from one device, and repeats are flagged in the results."""
    if survey.status != SurveyStatus.OPEN and entered_by is None:
        raise conflict("survey", _("This survey is not taking answers at the moment."))
    if link is not None:
        link = _claim_link(link)
    elif device:
        _check_device(survey, device)
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
        device=device if link is None else "",
    )
    if link is not None:
        link.response = response
        link.save(update_fields=["response"])
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
    evidence_changed(survey.organisation_id)
    return response
