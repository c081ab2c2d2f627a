"""Writes for bringing people in from a spreadsheet: read the file, say which column holds
what, then import every row at once, with a choice for each row that may be someone
already here. Nothing is saved unless every row can be."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from coproduce.core.errors import conflict
from coproduce.core.imports import RowError, read_any_table
from coproduce.core.models import AuditAction, Organisation, User
from coproduce.core.services import audit_record
from coproduce.people.import_queries import IMPORT_FIELDS, guess_columns, import_check
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


@transaction.atomic
def import_run(*, batch: PeopleImport, by: User, choices: Mapping[int, str]) -> dict[str, int]:
    """Import every row at once. A row that may be someone already here is left out
    unless its choice says to add it or to fill in the existing record."""
    batch = PeopleImport.objects.select_for_update().get(pk=batch.pk)
    if batch.step != ImportStep.CHECKING:
        raise conflict("import", _("Match the columns first, or this was imported already."))
    checked = import_check(batch)
    if checked.problems:
        raise conflict(
            "import",
            _("%(n)s rows need fixing first. Fix them in the file and upload it again.")
            % {"n": len({p.row for p in checked.problems})},
        )
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
    batch.save(update_fields=["step", "report", "rows"])
    audit_record(
        organisation=batch.organisation,
        actor=by,
        action=AuditAction.PEOPLE_IMPORT,
        target=batch,
        changes={"file": batch.filename, **report},
    )
    return report
