"""Sending respondents their own link to a self-assessment through the outbox, and one
reminder to those who have not answered (issue 18)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.assessments.models import Assessment, AssessmentStatus, Respondent
from coproduce.core.errors import conflict
from coproduce.core.models import AuditAction, User
from coproduce.core.services import audit_record
from coproduce.messaging.models import Kind
from coproduce.messaging.services import Letter, queue_for
from coproduce.people.own_links import reminder_secrets


def answer_url(token: str) -> str:
    path = reverse("assessments:answer-start", args=[token])
    return f"{settings.COPRODUCE_SITE_URL.rstrip('/')}{path}"


def links_send(
    *,
    assessment: Assessment,
    by: User,
    made: list[tuple[Respondent, str]],
    kind: str = Kind.ASSESSMENT_LINK,
) -> int:
    """Queue each respondent's own link to the person behind it (call in the transaction
    that made the link)."""
    urls = {r.person_id: (r, answer_url(token)) for r, token in made if r.person is not None}
    return len(
        queue_for(
            organisation=assessment.organisation,
            people=[r.person for r, _token in made if r.person is not None],
            kind=kind,
            letter=lambda person: Letter(
                "messages/assessment_link",
                {
                    "assessment": assessment,
                    "respondent": urls[person.pk][0],
                    "reminder": kind == Kind.ASSESSMENT_REMINDER,
                },
                link=urls[person.pk][1],
                personalisation={"assessment_title": assessment.title},
            ),
            caused_by=by,
        )
    )


@transaction.atomic
def respondents_remind(*, assessment: Assessment, by: User) -> int:
    """One reminder, with their link, to each person with a link who has not answered,
    whose link still works and who has not been reminded."""
    if assessment.status != AssessmentStatus.OPEN:
        raise conflict("assessment", _("Only an open assessment can send reminders."))
    respondents = list(
        Respondent.objects.select_for_update()
        .filter(
            assessment=assessment,
            submitted_at__isnull=True,
            withdrawn_at__isnull=True,
            reminded_at__isnull=True,
            link_expires_at__gt=timezone.now(),
            person__isnull=False,
            person__erased_at__isnull=True,
        )
        .select_related("person")
    )
    if not respondents:
        raise ValidationError(
            {"assessment": _("Everyone with a link has answered or been reminded already.")}
        )
    made = reminder_secrets(Respondent, respondents)
    audit_record(
        organisation=assessment.organisation,
        actor=by,
        action=AuditAction.ASSESSMENT_INVITE,
        target=assessment,
        changes={"reminded": len(made)},
    )
    return links_send(assessment=assessment, by=by, made=made, kind=Kind.ASSESSMENT_REMINDER)
