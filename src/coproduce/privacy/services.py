"""People's data protection rights: everything held about them, and being forgotten.

Both work from the models themselves: every model that points at a person is found
through Django's model metadata, so an app added later is covered without a change here
(and the canary test in tests/privacy proves it for each model that exists).
"""

from __future__ import annotations

import datetime
import decimal
import json
import re
import uuid
from typing import Any

from django.apps import apps
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.core.models import AuditAction, AuditEvent, User
from coproduce.core.services import audit_record
from coproduce.evidence.models import Excerpt
from coproduce.evidence.versions import evidence_changed
from coproduce.ledger.models import Posting
from coproduce.library.models import CaseStudy
from coproduce.library.search import index_case_study
from coproduce.people.models import AccessNeed, Consent, Person, SpecialCategoryData
from coproduce.privacy.models import ExportStatus, SubjectAccessExport
from coproduce.web.pdf import render_pdf

# Rows that are the person's own words or circumstances and mean nothing without them:
# deleted on erasure. Everything else that points at the person keeps pointing at the
# emptied record, so attendance, outcomes, assessments and the ledger still add up.
DELETE_ON_ERASURE = {
    "people.accessneed",
    "people.consent",
    "people.specialcategorydata",
    "influence.followup",
    "messaging.message",
    "messaging.stop",
    # Unlinked, a person's calendar would become the organisation's: it goes instead.
    "coproduce_sessions.calendarfeed",
    "library.quote",
    "library.credit",
    "recognition.caps",
    "recognition.listing",
    "opportunities.interest",
    # Copies of everything about them: they go with the rest.
    "privacy.subjectaccessexport",
}
# The ledger never changes (its triggers refuse it); its memos are written by Coproduce
# from session titles and award descriptions, not from what people type about someone.
IMMUTABLE = {"ledger.transaction", "ledger.posting"}
# A person's ledger accounts must keep their owner for the ledger to add up.
KEEP_LINKED = IMMUTABLE | {"ledger.account"}
REDACTED = "[name removed]"


def _value(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or ""
    return value


def _row(instance: models.Model) -> dict[str, Any]:
    return {
        field.attname: _value(getattr(instance, field.attname))
        for field in instance._meta.concrete_fields
        if not isinstance(field, models.BinaryField)
    }


def _relations() -> list[Any]:
    """Every relation from another model to Person (foreign keys and many-to-many)."""
    # Hidden relations (related_name="+") count too: most of ours are hidden.
    found = []
    for field in Person._meta.get_fields(include_hidden=True):
        model: Any = field.related_model
        if not (field.auto_created and not field.concrete and field.is_relation):
            continue
        if model is Person or model is None or isinstance(model, str):
            continue
        if not model._meta.auto_created:  # not the join tables of many-to-many
            found.append(field)
    return found


def _rows_about(person: Person, relation: Any) -> models.QuerySet[Any]:
    model = relation.related_model
    return model._default_manager.filter(**{relation.field.name: person}).order_by("pk")


@transaction.atomic
def person_export(*, person: Person, by: User | None) -> dict[str, Any]:
    """Everything Coproduce holds about a person, by model, ready to give them as JSON.
    Equality information is included: it is theirs. The look is recorded in the audit."""
    records: dict[str, list[dict[str, Any]]] = {}
    for relation in _relations():
        label = relation.related_model._meta.label_lower
        rows = [_row(row) for row in _rows_about(person, relation)]
        if rows:
            records.setdefault(label, []).extend(rows)
    accounts = [row["id"] for row in records.get("ledger.account", [])]
    if accounts:
        records["ledger.posting"] = [
            _row(p) for p in Posting.objects.filter(account_id__in=accounts).order_by("pk")
        ]
    audit_record(
        organisation=person.organisation,
        actor=by,
        action=AuditAction.PRIVACY_EXPORT,
        target=person,
        on_behalf_of=person.pk,
    )
    return {
        "about": _(
            "Everything %(org)s keeps about you in Coproduce, as of %(when)s. Each section "
            "is one kind of record; ids link records to each other."
        )
        % {"org": person.organisation.name, "when": timezone.now().date().isoformat()},
        "organisation": person.organisation.name,
        "person": _row(person),
        "records": records,
        "history": [
            {"what": event.action, "when": _value(event.created_at)}
            for event in AuditEvent.objects.filter(
                organisation=person.organisation, on_behalf_of=person.pk
            ).order_by("created_at", "id")
        ],
    }


def identifiers(person: Person) -> list[str]:
    """What identifies the person in free text: their names, email address and phone."""
    found = {person.preferred_name, person.full_name, person.email, person.phone}
    found |= set(person.full_name.split()) if len(person.full_name.split()) > 1 else set()
    # Very short words ("Mo", "Jo") match too much ordinary text to remove safely.
    return sorted((f for f in found if len(f.strip()) >= 3), key=len, reverse=True)


def _remove_files(rows: models.QuerySet[Any]) -> None:
    """Files people gave (receipts) go; the record they belong to stays."""
    files = [f for f in rows.model._meta.concrete_fields if isinstance(f, models.FileField)]
    for row in rows:
        for field in files:
            stored = getattr(row, field.attname)
            if stored:
                stored.delete(save=False)
                rows.model._default_manager.filter(pk=row.pk).update(**{field.name: ""})


def _scrub(text: str, names: list[str]) -> str:
    for name in names:
        text = re.sub(re.escape(name), REDACTED, text, flags=re.IGNORECASE)
    return text


def _text_fields(model: type[models.Model]) -> list[models.Field]:
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not field.choices
        and not isinstance(field, models.SlugField)
    ]


def _scrub_free_text(person: Person, names: list[str]) -> int:
    """Remove the person's names from free text anywhere in their organisation's records
    (transcripts, notes, descriptions), outside the immutable ledger."""
    changed = 0
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in IMMUTABLE or label == "core.auditevent" or model is Person:
            continue
        if "organisation" not in {f.name for f in model._meta.concrete_fields}:
            continue  # shared library content, not an organisation's notes about people
        fields = _text_fields(model)
        if not fields:
            continue
        wanted = models.Q()
        for field in fields:
            for name in names:
                wanted |= models.Q(**{f"{field.name}__icontains": name})
        for row in model._default_manager.filter(organisation=person.organisation).filter(wanted):
            updates = {
                f.name: _scrub(getattr(row, f.attname), names)
                for f in fields
                if getattr(row, f.attname)
            }
            model._default_manager.filter(pk=row.pk).update(**updates)
            changed += 1
            if model is CaseStudy:
                # The search index holds its own copy of a published story's words.
                index_case_study(CaseStudy.objects.prefetch_related("tags").get(pk=row.pk))
    return changed


def _scrub_audit(person: Person, names: list[str]) -> None:
    """The audit trail keeps what was done and when, but not the values that named them."""
    events = AuditEvent.objects.filter(organisation=person.organisation).filter(
        models.Q(on_behalf_of=person.pk)
        | models.Q(target_type="people.person", target_id=person.pk)
    )
    for event in events.exclude(changes={}):
        event.changes = dict.fromkeys(event.changes, REDACTED)
        event.save(update_fields=["changes"])


@transaction.atomic
def person_erase(*, person: Person, by: User) -> dict[str, int]:
    """Forget a person: delete their own records, remove their names from free text, and
    empty their record, which stays as a shell so totals and the ledger still add up.
    Returns how many rows of each kind were deleted or emptied."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    names = identifiers(person)
    report: dict[str, int] = {}
    # Equality information first: it holds on to the consent it was given under.
    SpecialCategoryData.objects.filter(person=person).delete()
    for relation in _relations():
        label = relation.related_model._meta.label_lower
        rows = _rows_about(person, relation)
        if label in DELETE_ON_ERASURE:
            _remove_files(rows)
            report[f"deleted {label}"] = rows.count()
            rows.delete()
        elif relation.many_to_many:
            report[f"unlinked {label}"] = rows.count()
            for row in rows:
                getattr(row, relation.field.name).remove(person)
        else:
            _remove_files(rows)
            if relation.field.null and label not in KEEP_LINKED:
                report[f"unlinked {label}"] = rows.update(**{relation.field.name: None})
    report["free text"] = _scrub_free_text(person, names)
    # The words they spoke stay for the counts, but are no longer anyone's to quote.
    Excerpt.objects.filter(organisation=person.organisation, text__startswith=REDACTED).update(
        agreed_to_quote=False
    )
    _scrub_audit(person, names)
    evidence_changed(person.organisation_id)
    # Deletions above may have left these; they go with the person's details.
    for model in (AccessNeed, Consent, SpecialCategoryData):
        model.objects.filter(person=person).delete()
    Person.objects.filter(pk=person.pk).update(
        preferred_name=_("Erased person %(n)s") % {"n": person.pk},
        full_name="",
        pronouns="",
        email="",
        phone="",
        postal_address="",
        preferred_language="",
        access_notes="",
        contact_preference="in_person",
        recognition_preference="not_asked",
        user=None,
        erased_at=timezone.now(),
    )
    audit_record(
        organisation=person.organisation,
        actor=by,
        action=AuditAction.PRIVACY_ERASE,
        target=person,
        on_behalf_of=person.pk,
        changes={"rows": sum(report.values())},
    )
    return report


# Why each part of Coproduce holds personal data, for the record of processing activities.
PURPOSES = {
    "people": _("Keeping in touch with people who take part, and meeting their access needs."),
    "coproduce_sessions": _("Planning meetings and recording who took part."),
    "influence": _("Telling people what happened to what they raised."),
    "initiatives": _("Recording who plays which part in an initiative."),
    "assessments": _("Self-assessment and peer review of how co-productive we are."),
    "recognition": _("Paying people and giving time credits for their time, and expenses."),
    "library": _("Naming and quoting people in case studies, with their agreement."),
    "evidence": _("Evidence of what changed: outcomes and what people said, with agreement."),
    "messaging": _("Sending people the messages they need, in the way they asked for."),
}


def processing_record() -> list[dict[str, Any]]:
    """The record of processing activities, worked out from the models: each kind of
    record that holds personal data, its fields, why we hold it, and what erasure does."""
    rows = [
        {
            "model": Person._meta.verbose_name_plural,
            "label": Person._meta.label_lower,
            "fields": [f.name for f in Person._meta.concrete_fields],
            "purpose": PURPOSES["people"],
            "special": False,
            "on_erasure": _("Emptied: names and contact details removed; the record stays."),
        }
    ]
    for relation in _relations():
        model = relation.related_model
        label = model._meta.label_lower
        if label in DELETE_ON_ERASURE:
            on_erasure = _("Deleted.")
        elif relation.many_to_many or (relation.field.null and label not in KEEP_LINKED):
            on_erasure = _("Kept, no longer linked to the person.")
        else:
            on_erasure = _("Kept, linked to the emptied record, so totals still add up.")
        rows.append(
            {
                "model": model._meta.verbose_name_plural,
                "label": label,
                "fields": [f.name for f in model._meta.concrete_fields],
                "purpose": PURPOSES.get(model._meta.app_label, _("Not yet described.")),
                "special": label == "people.specialcategorydata",
                "on_erasure": on_erasure,
            }
        )
    return sorted(rows, key=lambda row: row["label"])


# --- Subject access exports, prepared in the background ----------------------------------


def readable(export: dict[str, Any]) -> list[dict[str, Any]]:
    """The export's records as sections a person can read: the kind of record in words,
    and each record as (what, value) pairs named as the forms name them."""
    sections = []
    for label, rows in export["records"].items():
        model = apps.get_model(label)
        names = {
            f.attname: str(getattr(f, "verbose_name", f.name)) for f in model._meta.concrete_fields
        }
        sections.append(
            {
                "label": str(model._meta.verbose_name_plural).capitalize(),
                "records": [
                    [(names.get(key, key).capitalize(), value) for key, value in row.items()]
                    for row in rows
                ],
            }
        )
    return sections


@transaction.atomic
def export_request(*, person: Person, by: User) -> SubjectAccessExport:
    """Ask for a copy of everything held about someone; it is prepared in the background
    (`privacy.tasks.build_export`) and the page shows how far it has got."""
    from coproduce.privacy.tasks import build_export

    export = SubjectAccessExport.objects.create(
        organisation=person.organisation, person=person, requested_by=by
    )
    audit_record(
        organisation=person.organisation,
        actor=by,
        action=AuditAction.PRIVACY_EXPORT_REQUESTED,
        target=person,
        on_behalf_of=person.pk,
    )
    transaction.on_commit(lambda: build_export.enqueue(export.pk))
    return export


def _progress(export: SubjectAccessExport, percent: int, step: str) -> None:
    export.progress, export.step = percent, step
    SubjectAccessExport.objects.filter(pk=export.pk).update(progress=percent, step=step)


def export_build(export_id: int) -> SubjectAccessExport:
    """Prepare the files. Safe to run again: a finished export is left as it is, and an
    unfinished one is started afresh, replacing any file a stopped run left behind."""
    export = SubjectAccessExport.objects.select_related("person", "organisation").get(pk=export_id)
    if export.status == ExportStatus.READY:
        return export
    SubjectAccessExport.objects.filter(pk=export.pk).update(
        status=ExportStatus.RUNNING, attempts=models.F("attempts") + 1
    )
    export.attempts += 1
    try:
        _progress(export, 10, _("Gathering every record"))
        data = person_export(person=export.person, by=export.requested_by)
        _progress(export, 40, _("Writing the data file"))
        for field in (export.json_file, export.pdf_file):
            if field:
                field.delete(save=False)
        name = f"export-{export.pk}-{uuid.uuid4().hex}"
        export.json_file.save(
            f"{name}.json",
            ContentFile(json.dumps(data, indent=2, ensure_ascii=False).encode()),
            save=False,
        )
        _progress(export, 60, _("Making the readable copy"))
        pdf = render_pdf(
            "privacy/person_data_print.html",
            {
                "export": data,
                "person": export.person,
                "sections": readable(data),
                "made_on": timezone.localdate(),
            },
            wait=600,
        )
        export.pdf_file.save(f"{name}.pdf", ContentFile(pdf), save=False)
    except Exception:
        SubjectAccessExport.objects.filter(pk=export.pk).update(
            status=ExportStatus.FAILED, step=_("Something went wrong. Try again.")
        )
        raise
    export.status, export.progress, export.step = ExportStatus.READY, 100, ""
    export.finished_at = timezone.now()
    export.save(
        update_fields=["status", "progress", "step", "finished_at", "json_file", "pdf_file"]
    )
    return export


def export_retry(*, export: SubjectAccessExport) -> SubjectAccessExport:
    """Start a failed (or stuck) export again."""
    from coproduce.privacy.tasks import build_export

    if export.status == ExportStatus.READY:
        return export
    SubjectAccessExport.objects.filter(pk=export.pk).update(
        status=ExportStatus.WAITING, progress=0, step=""
    )
    transaction.on_commit(lambda: build_export.enqueue(export.pk))
    export.refresh_from_db()
    return export
