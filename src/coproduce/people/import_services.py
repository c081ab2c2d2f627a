"""Writes for bringing people in from a spreadsheet: read the file, say which column holds
what, then import every row at once, with a choice for each row that may be someone
already here. Nothing is saved unless every row can be."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coproduce.core.errors import conflict
from coproduce.core.imports import RowError, read_any_table
from coproduce.core.models import AuditAction, Organisation, User
from coproduce.core.services import audit_record
from coproduce.people.import_queries import (
    IMPORT_FIELDS,
    Checked,
    guess_columns,
    import_check,
)
from coproduce.people.models import AccessNeed, ImportStep, PeopleImport, Person

MAX_ROWS = 50_000
# For a row that may be someone already here: leave it out, add it as someone new, or
# fill in the existing record's details from it.
SKIP, ADD, UPDATE = "skip", "add", "update"


def import_start(
    *, organisation: Organisation, by: User, filename: str, data: bytes
) -> PeopleImport:
    """Read the file and keep its cells until it is imported (or abandoned)."""
    table = read_any_table(data)
    if isinstance(table, RowError):
        raise ValidationError({"file": table.message})
    if len(table.rows) > MAX_ROWS:
        raise ValidationError(
            {"file": _("The file has more than %(n)s rows. Split it.") % {"n": f"{MAX_ROWS:,}"}}
        )
    return PeopleImport.objects.create(
        organisation=organisation,
        created_by=by,
        filename=filename[:200],
        headers=table.headers,
        rows=[[row.number, [row.get(h) for h in table.headers]] for row in table.rows],
        columns=guess_columns(table.headers),
    )


def import_match(*, batch: PeopleImport, by: User, columns: Mapping[str, str]) -> PeopleImport:
    """Say which column holds each of our fields ("" for none)."""
    if batch.step == ImportStep.DONE:
        raise conflict("import", _("This file has been imported already."))
    chosen = {name: str(columns.get(name, "")) for name in IMPORT_FIELDS}
    problems = {
        name: _("Choose one of the file's columns.")
        for name, column in chosen.items()
        if column and column not in batch.headers
    }
    seen: set[str] = set()
    for name, column in chosen.items():
        if column and column in seen and name not in problems:
            problems[name] = _("Each column can hold one thing only.")
        seen.add(column)
    if not (chosen["preferred_name"] or chosen["full_name"]):
        problems["preferred_name"] = _("Choose the column with people's names.")
    if problems:
        raise ValidationError(problems)
    batch.columns = {name: column for name, column in chosen.items() if column}
    batch.step = ImportStep.CHECKING
    batch.save(update_fields=["columns", "step"])
    return batch


# An upload nobody finished importing is forgotten after this many days: it holds
# people's details that never reached their records (`coproduce retention` does it).
UNFINISHED_KEEP_DAYS = 14


def imports_forget_unfinished(now: datetime.datetime | None = None) -> int:
    """Delete uploads left unfinished for UNFINISHED_KEEP_DAYS; how many went."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=UNFINISHED_KEEP_DAYS)
    gone, _detail = (
        PeopleImport.objects.filter(created_at__lt=cutoff)
        .exclude(step__in=[ImportStep.DONE, ImportStep.RUNNING])
        .delete()
    )
    return gone


# Files longer than this import in the background, with a progress bar.
BACKGROUND_ROWS = 1000


def _problems_first(checked: Checked) -> None:
    if checked.problems:
        count = len({p.row for p in checked.problems})
        raise conflict(
            "import",
            ngettext(
                "%(n)s row needs fixing first. Fix it in the file and upload it again.",
                "%(n)s rows need fixing first. Fix them in the file and upload it again.",
                count,
            )
            % {"n": count},
        )


@transaction.atomic
def import_run(*, batch: PeopleImport, by: User, choices: Mapping[int, str]) -> dict[str, int]:
    """Import every row at once. A row that may be someone already here is left out
    unless its choice says to add it or to fill in the existing record."""
    batch = PeopleImport.objects.select_for_update().get(pk=batch.pk)
    if batch.step != ImportStep.CHECKING:
        raise conflict("import", _("Match the columns first, or this was imported already."))
    checked = import_check(batch)
    _problems_first(checked)
    return _save(batch, by, choices, checked)


@transaction.atomic
def import_queue(*, batch: PeopleImport, by: User, choices: Mapping[int, str]) -> PeopleImport:
    """Import a large file in the background: the page shows how far it has got, and
    nothing is saved unless every row can be."""
    from coproduce.people.tasks import run_import

    batch = PeopleImport.objects.select_for_update().get(pk=batch.pk)
    if batch.step != ImportStep.CHECKING:
        raise conflict("import", _("Match the columns first, or this was imported already."))
    batch.step, batch.run_by = ImportStep.RUNNING, by
    batch.choices = {str(row): choice for row, choice in choices.items()}
    batch.progress, batch.progress_step = 0, _("Waiting to start")
    batch.save(update_fields=["step", "run_by", "choices", "progress", "progress_step"])
    transaction.on_commit(lambda: run_import.enqueue(batch.pk))
    return batch


def _progress(batch: PeopleImport, percent: int, step: str) -> None:
    PeopleImport.objects.filter(pk=batch.pk).update(progress=percent, progress_step=step)


def import_in_background(batch_id: int) -> PeopleImport:
    """The background import: check every row, telling the page how far it has got (no
    transaction is open, so it can be seen), then save them all in one transaction.
    If the rows cannot all be saved, the import goes back to its checking step."""
    batch = PeopleImport.objects.select_related("run_by").get(pk=batch_id)
    if batch.step != ImportStep.RUNNING:
        return batch
    checking = _("Checking the rows")

    def heard(done: int, total: int) -> None:
        _progress(batch, 5 + 55 * done // max(total, 1), checking)

    checked = import_check(batch, progress=heard)
    _progress(batch, 60, _("Saving the people"))
    choices = {int(row): choice for row, choice in batch.choices.items()}
    try:
        with transaction.atomic():
            locked = PeopleImport.objects.select_for_update().get(pk=batch.pk)
            _problems_first(checked)
            _save(locked, batch.run_by, choices, checked)
    except ValidationError as error:
        PeopleImport.objects.filter(pk=batch.pk).update(
            step=ImportStep.CHECKING,
            progress=0,
            progress_step=" ".join(error.messages)[:100],
        )
    return PeopleImport.objects.get(pk=batch.pk)


@transaction.atomic
def _save(
    batch: PeopleImport, by: User | None, choices: Mapping[int, str], checked: Checked
) -> dict[str, int]:
    maybe = {d.row: d for d in checked.duplicates}
    new: list[tuple[Person, list[str]]] = []
    updated = skipped = 0
    for ready in checked.ready:
        choice = choices.get(ready.row, SKIP) if ready.row in maybe else ADD
        if choice == SKIP:
            skipped += 1
        elif choice == UPDATE:
            person = maybe[ready.row].person
            Person.objects.filter(pk=person.pk).update(**ready.details)
            for need in ready.needs:
                AccessNeed.objects.get_or_create(person=person, kind=need)
            updated += 1
        else:
            new.append((Person(organisation=batch.organisation, **ready.details), ready.needs))
    made = Person.objects.bulk_create([person for person, _needs in new], batch_size=2000)
    AccessNeed.objects.bulk_create(
        [
            AccessNeed(person=person, kind=need)
            for person, (_p, needs) in zip(made, new, strict=True)
            for need in needs
        ],
        batch_size=5000,
        ignore_conflicts=True,
    )
    report = {"added": len(made), "updated": updated, "skipped": skipped}
    batch.step, batch.report = ImportStep.DONE, report
    batch.rows = []  # the people are in their records now; the file's copy goes
    batch.progress, batch.progress_step = 100, ""
    batch.save(update_fields=["step", "report", "rows", "progress", "progress_step"])
    audit_record(
        organisation=batch.organisation,
        actor=by,
        action=AuditAction.PEOPLE_IMPORT,
        target=batch,
        changes={"file": batch.filename, **report},
    )
    return report
