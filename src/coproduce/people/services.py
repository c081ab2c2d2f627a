"""Writes for people, consents and special-category data.

Every change is audited in the same transaction. When the person changed is
not the one acting (a coordinator acting for someone without a login), the
audit entry says on whose behalf it was done.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.core.errors import conflict
from coproduce.core.models import AuditAction, Organisation, User
from coproduce.core.services import audit_record
from coproduce.people.models import (
    SPECIAL_CATEGORY_FIELDS,
    AccessNeed,
    AccessNeedKind,
    Consent,
    ConsentPurpose,
    LivedExperience,
    Person,
    SpecialCategoryData,
)

# The fields a coordinator (or the person) can edit, in form order.
PERSON_FIELDS = (
    "preferred_name",
    "full_name",
    "pronouns",
    "email",
    "phone",
    "postal_address",
    "contact_preference",
    "preferred_language",
    "access_notes",
    "recognition_preference",
)


def acting_for(person: Person, by: User | None) -> int | None:
    """The person an act was done on behalf of, for the audit log: none when they did
    it themselves."""
    return (
        None
        if person.user_id is not None and person.user_id == getattr(by, "pk", None)
        else person.pk
    )


def _clean_access_needs(access_needs: Iterable[str]) -> list[str]:
    needs = list(dict.fromkeys(access_needs))
    unknown = [need for need in needs if need not in AccessNeedKind.values]
    if unknown:
        raise ValidationError({"access_needs": _("Choose access needs from the list.")})
    return needs


def _set_access_needs(person: Person, needs: list[str]) -> None:
    AccessNeed.objects.filter(person=person).exclude(kind__in=needs).delete()
    existing = set(AccessNeed.objects.filter(person=person).values_list("kind", flat=True))
    AccessNeed.objects.bulk_create(
        [AccessNeed(person=person, kind=kind) for kind in needs if kind not in existing]
    )


def _validate(person: Person) -> None:
    person.email = person.email.strip().lower()
    # Raises ValidationError keyed by field name (lengths, choices, email format).
    person.full_clean(exclude=["organisation", "user"])


@transaction.atomic
def person_create(
    *,
    organisation: Organisation,
    by: User,
    details: Mapping[str, Any],
    access_needs: Iterable[str] = (),
) -> Person:
    """Add a person to an organisation's records."""
    unknown = set(details) - set(PERSON_FIELDS)
    if unknown:
        raise ValidationError({name: _("This field cannot be set here.") for name in unknown})
    needs = _clean_access_needs(access_needs)
    person = Person(organisation=organisation, **details)
    _validate(person)
    person.save()
    _set_access_needs(person, needs)
    audit_record(
        organisation=organisation,
        actor=by,
        action=AuditAction.PERSON_CREATE,
        target=person,
        changes={field: [None, getattr(person, field)] for field in details}
        | {"access_needs": [None, sorted(needs)]},
        on_behalf_of=person.pk,
    )
    return person


@transaction.atomic
def person_update(
    *,
    person: Person,
    by: User,
    changes: Mapping[str, Any],
    access_needs: Iterable[str] | None = None,
) -> Person:
    """Change a person's details; fields not named in `changes` are left as they are."""
    unknown = set(changes) - set(PERSON_FIELDS)
    if unknown:
        raise ValidationError({name: _("This field cannot be changed here.") for name in unknown})
    person = Person.objects.select_for_update().get(pk=person.pk)
    before = {field: getattr(person, field) for field in PERSON_FIELDS}
    old_needs = sorted(person.access_needs.values_list("kind", flat=True))
    for field, value in changes.items():
        setattr(person, field, value)
    _validate(person)
    person.save()
    diff: dict[str, Any] = {
        field: [before[field], getattr(person, field)]
        for field in PERSON_FIELDS
        if before[field] != getattr(person, field)
    }
    if access_needs is not None:
        needs = _clean_access_needs(access_needs)
        _set_access_needs(person, needs)
        if sorted(needs) != old_needs:
            diff["access_needs"] = [old_needs, sorted(needs)]
    if diff:
        audit_record(
            organisation=person.organisation,
            actor=by,
            action=AuditAction.PERSON_UPDATE,
            target=person,
            changes=diff,
            on_behalf_of=acting_for(person, by),
        )
    return person


@transaction.atomic
def person_delete(*, person: Person, by: User) -> None:
    """Remove a person's record and everything hanging from it. Records that must be
    kept (payments and time credits in the ledger) stop the deletion."""
    audit_record(
        organisation=person.organisation,
        actor=by,
        action=AuditAction.PERSON_DELETE,
        target=person,
        on_behalf_of=person.pk,
    )
    try:
        with transaction.atomic():
            person.delete()
    except ProtectedError:
        raise conflict(
            "person",
            _(
                "This record cannot be deleted: it holds payments or time credits, which "
                "must be kept. Remove their contact details instead."
            ),
        ) from None


@transaction.atomic
def consent_record(
    *,
    person: Person,
    purpose: str,
    given_on: datetime.date,
    by: User,
    how_given: str = "",
) -> Consent:
    """Record that a person agreed to a purpose."""
    if purpose not in ConsentPurpose.values:
        raise ValidationError({"purpose": _("Choose what the person agreed to.")})
    if given_on > timezone.localdate():
        raise ValidationError({"given_on": _("The date they agreed must be today or in the past.")})
    if Consent.objects.active().filter(person=person, purpose=purpose).exists():
        raise ValidationError(
            {"purpose": _("This person's agreement to this is already recorded.")}
        )
    consent = Consent.objects.create(
        organisation=person.organisation,
        person=person,
        purpose=purpose,
        given_on=given_on,
        how_given=how_given.strip(),
        recorded_by=by,
    )
    audit_record(
        organisation=person.organisation,
        actor=by,
        action=AuditAction.CONSENT_RECORD,
        target=consent,
        changes={"purpose": purpose, "given_on": given_on.isoformat()},
        on_behalf_of=acting_for(person, by),
    )
    return consent


@transaction.atomic
def consent_withdraw(*, consent: Consent, by: User) -> Consent:
    """Withdraw a consent; withdrawing the special-category one deletes that data."""
    consent = Consent.objects.select_for_update().select_related("person").get(pk=consent.pk)
    if not consent.is_active:
        raise ValidationError(_("This agreement has already been withdrawn."))
    deleted = False
    if consent.purpose == ConsentPurpose.SPECIAL_CATEGORY:
        # Without consent there is no basis to keep it, so it goes, not just out of sight.
        deleted = bool(SpecialCategoryData.objects.filter(person=consent.person).delete()[0])
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_by = by
    consent.save(update_fields=["withdrawn_at", "withdrawn_by"])
    audit_record(
        organisation=consent.organisation,
        actor=by,
        action=AuditAction.CONSENT_WITHDRAW,
        target=consent,
        changes={"purpose": consent.purpose, "special_category_deleted": deleted},
        on_behalf_of=acting_for(consent.person, by),
    )
    return consent


def active_special_category_consent(person: Person) -> Consent | None:
    """The person's active consent to keep special-category data, if any."""
    return (
        Consent.objects.active()
        .filter(person=person, purpose=ConsentPurpose.SPECIAL_CATEGORY)
        .first()
    )


@transaction.atomic
def special_category_save(
    *, person: Person, by: User, values: Mapping[str, Any]
) -> SpecialCategoryData:
    """Save equality and lived-experience information; refused without an active consent."""
    unknown = set(values) - set(SPECIAL_CATEGORY_FIELDS)
    if unknown:
        raise ValidationError({name: _("This field cannot be set here.") for name in unknown})
    consent = active_special_category_consent(person)
    if consent is None:
        raise ValidationError(
            {
                "consent": _(
                    "Record the person's agreement to keep equality information before saving it."
                )
            }
        )
    lived = list(dict.fromkeys(values.get("lived_experience") or []))
    if any(item not in LivedExperience.values for item in lived):
        raise ValidationError({"lived_experience": _("Choose lived experience from the list.")})
    record = SpecialCategoryData.objects.select_for_update().filter(person=person).first()
    if record is None:
        record = SpecialCategoryData(organisation=person.organisation, person=person)
    before = {field: getattr(record, field) for field in SPECIAL_CATEGORY_FIELDS}
    record.consent = consent
    for field in SPECIAL_CATEGORY_FIELDS:
        if field in values:
            setattr(record, field, lived if field == "lived_experience" else values[field] or "")
    if record.gender != "self_described":
        record.gender_description = ""
    record.full_clean(exclude=["organisation", "person", "consent"])
    record.save()
    # Only the names of the fields that changed: the values themselves never enter the log.
    changed = [f for f in SPECIAL_CATEGORY_FIELDS if before.get(f) != getattr(record, f)]
    audit_record(
        organisation=person.organisation,
        actor=by,
        action=AuditAction.SPECIAL_CATEGORY_SAVE,
        target=record,
        changes={"fields": changed},
        on_behalf_of=acting_for(person, by),
    )
    return record


@transaction.atomic
def special_category_open(*, person: Person, by: User) -> SpecialCategoryData | None:
    """Read a person's special-category data for display, recording who looked."""
    record = SpecialCategoryData.objects.filter(person=person).first()
    if record is not None and acting_for(person, by) is not None:
        audit_record(
            organisation=person.organisation,
            actor=by,
            action=AuditAction.SPECIAL_CATEGORY_VIEW,
            target=record,
            on_behalf_of=person.pk,
        )
    return record
