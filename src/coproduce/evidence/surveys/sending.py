"""Sending people their own survey links through the outbox, and the one reminder to
those who have not answered (issue 18)."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from coproduce.core.errors import conflict
from coproduce.core.models import AuditAction, User
from coproduce.core.services import audit_record
from coproduce.evidence.models import Survey, SurveyLink, SurveyStatus
from coproduce.messaging.models import Kind
from coproduce.messaging.services import Letter, queue_for
from coproduce.people.models import Person
from coproduce.people.own_links import reminder_secrets


def survey_own_url(token: str) -> str:
    path = reverse("evidence:survey-own", args=[token])
    return f"{settings.COPRODUCE_SITE_URL.rstrip('/')}{path}"


def links_send(
    *, survey: Survey, by: User, made: Iterable[tuple[Person, str]], kind: str = Kind.SURVEY_LINK
) -> int:
    """Queue each person's message with their own link (call in the transaction that
    made the links). Returns how many were queued."""
    urls = {person.pk: survey_own_url(token) for person, token in made}
    people = [person for person, _token in made]
    return len(
        queue_for(
            organisation=survey.organisation,
            people=people,
            kind=kind,
            letter=lambda person: Letter(
                "messages/survey_link",
                {"survey": survey, "reminder": kind == Kind.SURVEY_REMINDER},
                link=urls[person.pk],
                personalisation={"survey_title": survey.title},
            ),
            caused_by=by,
        )
    )


@transaction.atomic
def survey_remind(*, survey: Survey, by: User) -> int:
    """One reminder, with their link, to each person who has not answered and has not
    been reminded. Returns how many were reminded."""
    if survey.status != SurveyStatus.OPEN:
        raise conflict("survey", _("Only an open survey can send reminders."))
    links = list(
        SurveyLink.objects.select_for_update()
        .filter(
            survey=survey,
            response__isnull=True,
            reminded_at__isnull=True,
            person__isnull=False,
            person__erased_at__isnull=True,
        )
        .select_related("person")
    )
    if not links:
        raise ValidationError({"survey": _("Everyone has answered or been reminded already.")})
    made = [(link.person, token) for link, token in reminder_secrets(SurveyLink, links)]
    audit_record(
        organisation=survey.organisation,
        actor=by,
        action=AuditAction.EVIDENCE_SURVEY_CHANGE,
        target=survey,
        changes={"reminded": len(made)},
    )
    return links_send(survey=survey, by=by, made=made, kind=Kind.SURVEY_REMINDER)
