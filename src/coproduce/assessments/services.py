"""Writes for assessments: rounds, invitations by link, answers, moderation and actions."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.assessments import sending
from coproduce.assessments.models import (
    DEFAULT_LEVELS,
    Action,
    ActionStatus,
    Answer,
    Assessment,
    AssessmentStatus,
    LevelThreshold,
    ModeratedScore,
    Respondent,
    RespondentGroup,
    Scale,
    ScalePoint,
)
from coproduce.core.errors import conflict
from coproduce.core.models import AuditAction, Organisation, User, hash_secret
from coproduce.core.services import audit_record
from coproduce.frameworks.models import FrameworkItem, Statement, StatementSet

LINK_VALID_DAYS = 30

DEFAULT_SCALE = [
    (0, "Not yet", "This does not happen yet."),
    (1, "Starting", "It happens now and then, or in one or two places."),
    (2, "Developing", "It happens often, but it depends on particular people."),
    (3, "Embedded", "It is how we usually work, and it would carry on if people left."),
    (4, "Leading", "We do it well and help others to do it too."),
]


def scale_default() -> Scale:
    """The shared 0 to 4 scale, created the first time it is needed."""
    scale = Scale.objects.filter(organisation__isnull=True, name="Co-production scale").first()
    if scale is None:
        scale = Scale.objects.create(name="Co-production scale")
        ScalePoint.objects.bulk_create(
            ScalePoint(scale=scale, value=v, label=label, descriptor=text)
            for v, label, text in DEFAULT_SCALE
        )
    return scale


def levels_ensure(organisation: Organisation) -> list[LevelThreshold]:
    """The organisation's named levels, starting from the defaults if it has none."""
    levels = list(LevelThreshold.objects.filter(organisation=organisation))
    if not levels:
        levels = LevelThreshold.objects.bulk_create(
            LevelThreshold(organisation=organisation, name=name, minimum=minimum)
            for name, minimum in DEFAULT_LEVELS
        )
    return sorted(levels, key=lambda level: level.minimum)


@transaction.atomic
def levels_set(
    *, organisation: Organisation, by: User, levels: list[tuple[str, Decimal]]
) -> list[LevelThreshold]:
    """Replace an organisation's named levels, for example to say what counts as gold standard."""
    if not levels:
        raise ValidationError({"levels": _("Add at least one level.")})
    names = [name.strip() for name, _minimum in levels]
    if any(not name for name in names) or len(set(names)) != len(names):
        raise ValidationError({"levels": _("Give every level its own name.")})
    LevelThreshold.objects.filter(organisation=organisation).delete()
    created = LevelThreshold.objects.bulk_create(
        LevelThreshold(organisation=organisation, name=name, minimum=minimum)
        for name, (_n, minimum) in zip(names, levels, strict=True)
    )
    audit_record(
        organisation=organisation,
        actor=by,
        action=AuditAction.ASSESSMENT_LEVELS,
        target=organisation,
        changes={"levels": [[n, str(m)] for n, m in levels]},
    )
    return created


@transaction.atomic
def scale_create(
    *, organisation: Organisation, by: User, name: str, points: list[tuple[int, str, str]]
) -> Scale:
    """Make an organisation's own rating scale: every point has a label and a descriptor."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the scale a name.")})
    values = [value for value, _label, _text in points]
    if len(points) < 2 or len(set(values)) != len(values):
        raise ValidationError(
            {"points": _("A scale needs at least two points, each with its own number.")}
        )
    if any(not 0 <= value <= 10 for value in values):
        raise ValidationError({"points": _("Use numbers from 0 to 10.")})
    if Scale.objects.filter(organisation=organisation, name=name).exists():
        raise ValidationError({"name": _("You already have a scale with this name.")})
    scale = Scale.objects.create(organisation=organisation, name=name)
    ScalePoint.objects.bulk_create(
        ScalePoint(
            scale=scale, value=value, label=label.strip()[:60], descriptor=text.strip()[:300]
        )
        for value, label, text in sorted(points)
    )
    audit_record(
        organisation=organisation,
        actor=by,
        action=AuditAction.ASSESSMENT_SCALE,
        target=scale,
        changes={"name": name, "points": len(points)},
    )
    return scale


@transaction.atomic
def assessment_create(
    *,
    organisation: Organisation,
    by: User,
    title: str,
    subject: str,
    statement_set: StatementSet,
    scale: Scale | None = None,
    previous: Assessment | None = None,
) -> Assessment:
    """Start an assessment, or the next round of an earlier one, carrying its open actions."""
    if statement_set.framework.organisation_id not in (None, organisation.pk):
        raise ValidationError({"statement_set": _("Choose statements this organisation can use.")})
    if previous is not None and previous.organisation_id != organisation.pk:
        raise ValidationError({"previous": _("Choose an earlier round from this organisation.")})
    scale = scale or scale_default()
    if scale.organisation_id not in (None, organisation.pk):
        raise ValidationError({"scale": _("Choose a scale this organisation can use.")})
    assessment = Assessment.objects.create(
        organisation=organisation,
        title=title.strip() or statement_set.title,
        subject=subject.strip() or organisation.name,
        statement_set=statement_set,
        scale=scale,
        previous=previous,
        round_number=(previous.round_number + 1) if previous else 1,
        created_by=by,
    )
    levels_ensure(organisation)
    if previous is not None:
        Action.objects.bulk_create(
            Action(
                organisation=organisation,
                assessment=assessment,
                item=action.item,
                title=action.title,
                owner=action.owner,
                due_on=action.due_on,
                status=action.status,
                carried_from=action,
            )
            for action in previous.actions.open()
        )
    audit_record(
        organisation=organisation, actor=by, action=AuditAction.ASSESSMENT_CREATE, target=assessment
    )
    return assessment


@dataclass(frozen=True)
class IssuedLink:
    respondent: Respondent
    token: str


@transaction.atomic
def respondent_invite(
    *,
    assessment: Assessment,
    by: User,
    group: str,
    person: Any = None,
    user: User | None = None,
    reviewer_organisation: str = "",
    valid_days: int = LINK_VALID_DAYS,
    send: bool = False,
) -> IssuedLink:
    """Make a private link for one respondent; it works until they submit or it expires.
    With `send` (and a person), it is sent to them the way they prefer."""
    if group not in RespondentGroup.values:
        raise ValidationError({"group": _("Choose which group they answer for.")})
    if person is not None and person.organisation_id != assessment.organisation_id:
        raise ValidationError({"person": _("Choose someone from this organisation.")})
    if not 1 <= valid_days <= 365:
        raise ValidationError({"valid_days": _("A link can last from 1 to 365 days.")})
    number = Respondent.objects.filter(assessment=assessment, group=group).count() + 1
    token = secrets.token_urlsafe(24)
    respondent = Respondent.objects.create(
        organisation=assessment.organisation,
        assessment=assessment,
        group=group,
        label=f"{RespondentGroup(group).label} {number}",
        person=person,
        user=user,
        reviewer_organisation=reviewer_organisation.strip(),
        token_hash=hash_secret(token),
        link_expires_at=timezone.now() + datetime.timedelta(days=valid_days),
        easy_read=bool(
            person is not None and person.access_needs.filter(kind="easy_read").exists()
        ),
    )
    audit_record(
        organisation=assessment.organisation,
        actor=by,
        action=AuditAction.ASSESSMENT_INVITE,
        target=respondent,
        changes={"group": group},
        on_behalf_of=person.pk if person is not None else None,
    )
    if send and person is not None:
        sending.links_send(assessment=assessment, by=by, made=[(respondent, token)])
    return IssuedLink(respondent=respondent, token=token)


class LinkError(Exception):
    """A link that cannot be used, with the reason to show the person."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def respondent_for_link(token: str) -> Respondent:
    """The respondent behind a private link, or LinkError saying kindly why it does not work."""
    hashed = hash_secret(token)
    respondent = (
        Respondent.objects.select_related("assessment__organisation", "assessment__scale")
        .filter(Q(token_hash=hashed) | Q(reminder_token_hash=hashed))
        .first()
    )
    if respondent is None:
        raise LinkError("unknown")
    _check_open(respondent)
    return respondent


def _check_open(respondent: Respondent) -> None:
    if respondent.withdrawn_at is not None:
        raise LinkError("withdrawn")
    if respondent.submitted_at is not None:
        raise LinkError("used")
    if respondent.link_expires_at is not None and respondent.link_expires_at <= timezone.now():
        raise LinkError("expired")
    if respondent.assessment.status == AssessmentStatus.CLOSED:
        raise LinkError("closed")


def respondent_link_for_user(*, respondent: Respondent, user: User) -> str:
    """A fresh private link for a signed-in respondent (a peer reviewer from another
    organisation) to answer with; the old one stops working. LinkError if they cannot."""
    if respondent.user_id is None or respondent.user_id != user.pk:
        raise LinkError("unknown")
    _check_open(respondent)
    token = secrets.token_urlsafe(24)
    respondent.token_hash = hash_secret(token)
    respondent.link_expires_at = timezone.now() + datetime.timedelta(days=LINK_VALID_DAYS)
    respondent.save(update_fields=["token_hash", "link_expires_at"])
    return token


def respondent_set_preferences(
    *, respondent: Respondent, one_per_screen: bool, easy_read: bool
) -> Respondent:
    respondent.one_per_screen = one_per_screen
    respondent.easy_read = easy_read
    respondent.started_at = respondent.started_at or timezone.now()
    respondent.save(update_fields=["one_per_screen", "easy_read", "started_at"])
    return respondent


@dataclass(frozen=True)
class AnswerInput:
    statement_id: int
    score: int | None
    dont_know: bool = False
    evidence: str = ""
    evidence_link: str = ""


def _validated(
    respondent: Respondent,
    given: AnswerInput,
    statements: dict[int, Statement],
    values: set[int],
    index: int | None,
) -> AnswerInput:
    where = f"answers.{index}." if index is not None else ""
    if given.statement_id not in statements:
        raise conflict(f"{where}statement_id", _("This statement is not part of this assessment."))
    if given.dont_know and given.score is not None:
        raise ValidationError({f"{where}score": _('Choose a score or "don\'t know", not both.')})
    if not given.dont_know and given.score is None:
        raise ValidationError({f"{where}score": _('Choose a score, or "don\'t know".')})
    if given.score is not None and given.score not in values:
        raise conflict(
            f"{where}score",
            _("Choose a score from %(low)s to %(high)s.")
            % {"low": min(values), "high": max(values)},
        )
    if len(given.evidence) > 5000:
        raise ValidationError({f"{where}evidence": _("Keep the note to 5,000 characters.")})
    if given.evidence_link:
        try:
            URLValidator(schemes=["http", "https"])(given.evidence_link)
        except ValidationError:
            raise ValidationError(
                {f"{where}evidence_link": _("Enter a web address starting https://")}
            ) from None
        if len(given.evidence_link) > 500:
            raise ValidationError({f"{where}evidence_link": _("Keep the link to 500 characters.")})
    return given


@transaction.atomic
def answers_save(
    *, respondent: Respondent, answers: Iterable[AnswerInput], by: User | None = None
) -> list[Answer]:
    """Save answers all together or not at all; answering again replaces the earlier answer."""
    respondent = (
        Respondent.objects.select_for_update()
        .select_related("assessment__scale")
        .get(pk=respondent.pk)
    )
    try:
        _check_open(respondent)
    except LinkError as problem:
        raise conflict(
            "respondent", _("These answers can no longer be changed (%s).") % problem.reason
        ) from problem
    assessment = respondent.assessment
    statements = {
        s.pk: s for s in Statement.objects.filter(statement_set_id=assessment.statement_set_id)
    }
    values = set(assessment.scale.points.values_list("value", flat=True))
    given = list(answers)
    many = len(given) > 1
    checked = [
        _validated(respondent, a, statements, values, n if many else None)
        for n, a in enumerate(given)
    ]
    saved = []
    for answer in checked:
        row, _created = Answer.objects.update_or_create(
            respondent=respondent,
            statement_id=answer.statement_id,
            defaults={
                "organisation_id": respondent.organisation_id,
                "score": answer.score,
                "dont_know": answer.dont_know,
                "evidence": answer.evidence.strip(),
                "evidence_link": answer.evidence_link.strip(),
            },
        )
        saved.append(row)
    if respondent.started_at is None:
        respondent.started_at = timezone.now()
        respondent.save(update_fields=["started_at"])
    if by is not None and getattr(by, "is_authenticated", False):
        audit_record(
            organisation=respondent.organisation,
            actor=by,
            action=AuditAction.ASSESSMENT_ANSWER,
            target=respondent,
            changes={"answers": len(saved)},
        )
    return saved


@transaction.atomic
def respondent_submit(*, respondent: Respondent) -> Respondent:
    """Send the answers in. The link stops working, so it cannot be used twice."""
    respondent = Respondent.objects.select_for_update().get(pk=respondent.pk)
    try:
        _check_open(respondent)
    except LinkError as problem:
        raise conflict(
            "respondent", _("These answers were already sent or can no longer be sent.")
        ) from problem
    if not respondent.answers.exists():
        raise conflict("answers", _("Answer at least one statement before sending."))
    respondent.submitted_at = timezone.now()
    respondent.save(update_fields=["submitted_at"])
    return respondent


@transaction.atomic
def respondent_withdraw(*, respondent: Respondent, by: User) -> Respondent:
    """Take a respondent's answers out of the results, for example when they ask."""
    respondent.withdrawn_at = timezone.now()
    respondent.save(update_fields=["withdrawn_at"])
    audit_record(
        organisation=respondent.organisation,
        actor=by,
        action=AuditAction.ASSESSMENT_WITHDRAW,
        target=respondent,
    )
    return respondent


@transaction.atomic
def moderation_record(
    *, assessment: Assessment, item: FrameworkItem, agreed_score: Decimal, reason: str, by: User
) -> ModeratedScore:
    """Record the score partners agreed for an item, and why views differed."""
    if item.framework_id != assessment.statement_set.framework_id:
        raise ValidationError({"item": _("Choose an item from this assessment's framework.")})
    values = list(assessment.scale.points.values_list("value", flat=True))
    if not min(values) <= agreed_score <= max(values):
        raise ValidationError({"agreed_score": _("The agreed score must be on the scale.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the views differed and how you agreed.")})
    row, _created = ModeratedScore.objects.update_or_create(
        assessment=assessment,
        item=item,
        defaults={
            "organisation": assessment.organisation,
            "agreed_score": agreed_score,
            "reason": reason.strip(),
            "moderated_by": by,
            "moderated_at": timezone.now(),
        },
    )
    audit_record(
        organisation=assessment.organisation,
        actor=by,
        action=AuditAction.ASSESSMENT_MODERATE,
        target=row,
        changes={"item": item.key, "agreed_score": str(agreed_score)},
    )
    return row


@transaction.atomic
def action_create(
    *,
    assessment: Assessment,
    by: User,
    title: str,
    owner: str,
    due_on: datetime.date | None,
    item: FrameworkItem | None = None,
) -> Action:
    """Add an action to the plan, usually for a principle that scored low."""
    if item is not None and item.framework_id != assessment.statement_set.framework_id:
        raise ValidationError({"item": _("Choose an item from this assessment's framework.")})
    if not title.strip():
        raise ValidationError({"title": _("Say what will be done.")})
    if not owner.strip():
        raise ValidationError({"owner": _("Say who will do it.")})
    action = Action.objects.create(
        organisation=assessment.organisation,
        assessment=assessment,
        item=item,
        title=title.strip(),
        owner=owner.strip(),
        due_on=due_on,
    )
    audit_record(
        organisation=assessment.organisation,
        actor=by,
        action=AuditAction.ACTION_CREATE,
        target=action,
    )
    return action


def action_set_status(*, action: Action, by: User, status: str) -> Action:
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    action.status = status
    action.save(update_fields=["status"])
    return action
