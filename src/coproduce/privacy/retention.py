"""Retention: contact details are cleared for people who stopped taking part long ago."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.core.models import AuditAction, Organisation, User
from coproduce.core.services import audit_record
from coproduce.messaging.models import Message
from coproduce.people.models import Person
from coproduce.privacy.models import RetentionRule


def rule_for(organisation: Organisation) -> RetentionRule:
    rule, _created = RetentionRule.objects.get_or_create(organisation=organisation)
    return rule


@transaction.atomic
def rule_set(
    *, organisation: Organisation, by: User, contact_details_years: int | None
) -> RetentionRule:
    """Set (or switch off, with None) how long contact details are kept."""
    if contact_details_years is not None and not 1 <= contact_details_years <= 20:
        raise ValidationError(
            {"contact_details_years": _("Choose from 1 to 20 years, or leave it empty.")}
        )
    rule = rule_for(organisation)
    rule.contact_details_years = contact_details_years
    rule.save()
    audit_record(
        organisation=organisation,
        actor=by,
        action=AuditAction.PRIVACY_RETENTION,
        target=rule,
        changes={"contact_details_years": contact_details_years},
    )
    return rule


@dataclass(frozen=True)
class Due:
    person: Person
    last_active: datetime.datetime


def due(organisation: Organisation, now: datetime.datetime | None = None) -> list[Due]:
    """People whose contact details the rule says to clear now, with when they were last
    active (their last session attended, or the last change to their record)."""
    rule = rule_for(organisation)
    if rule.contact_details_years is None:
        return []
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=round(365.25 * rule.contact_details_years))
    people: QuerySet[Any] = (
        Person.objects.filter(organisation=organisation, erased_at__isnull=True)
        .filter(~Q(email="") | ~Q(phone="") | ~Q(postal_address=""))
        .annotate(last_session=Max("attendance__session__starts_at"))
        .filter(updated_at__lt=cutoff)
        .filter(Q(last_session__isnull=True) | Q(last_session__lt=cutoff))
        .order_by("pk")
    )
    return [Due(p, max(filter(None, [p.last_session, p.updated_at]))) for p in people]


@transaction.atomic
def apply(
    *, organisation: Organisation, by: User | None, now: datetime.datetime | None = None
) -> int:
    """Clear the contact details that are due; returns how many people's were cleared."""
    found = due(organisation, now)
    for entry in found:
        Person.objects.filter(pk=entry.person.pk).update(
            email="", phone="", postal_address="", contact_preference="in_person"
        )
        # The messages sent to them kept the address they went to.
        Message.objects.filter(person=entry.person).update(to_address="")
        audit_record(
            organisation=organisation,
            actor=by,
            action=AuditAction.PRIVACY_RETENTION_APPLIED,
            target=entry.person,
            on_behalf_of=entry.person.pk,
        )
    return len(found)
