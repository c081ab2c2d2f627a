"""Reading a table that people upload (CSV or an .xlsx spreadsheet), and what an
all-or-nothing import reports: how many rows it read and saved, and each problem by
row and column, so people can fix the file and try again.

Every import in Coproduce reads its file with `read_table`, so each one takes the same
two formats, skips blank rows and checks its columns the same way."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from coproduce.core.uploads import archive_problem


@dataclass(frozen=True)
class RowError:
    row: int
    field: str
    message: str


@dataclass
class ImportReport:
    rows: int = 0
    saved: int = 0
    errors: list[RowError] = field(default_factory=list)


@dataclass(frozen=True)
class Row:
    """One row of the table: its number as the person sees it (the headers are row 1),
    and its cells by column name, stripped."""

    number: int
    cells: dict[str, str]

    def get(self, column: str) -> str:
        return self.cells.get(column, "")


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[Row]


def _cells(data: bytes) -> list[list[str]] | RowError:
    """The file's cells as text, from an .xlsx spreadsheet or CSV in UTF-8."""
    if data.startswith(b"PK\x03\x04"):
        from openpyxl import load_workbook  # only imports need it

        problem = archive_problem(data)
        if problem:
            return RowError(0, "file", problem)
        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
            return [
                ["" if cell is None else str(cell) for cell in row]
                for row in sheet.iter_rows(values_only=True)
            ]
        except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, AttributeError):
            return RowError(0, "file", _("This spreadsheet could not be read. Save it as .xlsx."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return RowError(
            0, "file", _('The file is not UTF-8 text. Save it as "CSV UTF-8" and try again.')
        )
    if "\x00" in text:
        return RowError(0, "file", _("Upload a CSV or an .xlsx spreadsheet."))
    try:
        return list(csv.reader(io.StringIO(text)))
    except csv.Error:
        return RowError(0, "file", _("This file could not be read as CSV."))


def _numbered(data: bytes) -> list[tuple[int, list[str]]] | RowError:
    """The file's non-blank rows with their numbers as people see them (the first is 1)."""
    cells = _cells(data)
    if isinstance(cells, RowError):
        return cells
    numbered = [
        (number, row)
        for number, row in enumerate(cells, start=1)
        if any(cell.strip() for cell in row)
    ]
    return numbered or RowError(0, "file", _("The file is empty."))


def _table(headers: list[str], numbered: list[tuple[int, list[str]]]) -> Table:
    rows = [
        Row(number, dict(zip(headers, (cell.strip() for cell in row), strict=False)))
        for number, row in numbered[1:]
    ]
    return Table(headers=headers, rows=rows)


def read_any_table(data: bytes) -> Table | RowError:
    """The table in a CSV or .xlsx file with whatever columns it has (for imports where
    people say which column holds what), or the first reason it cannot be read."""
    numbered = _numbered(data)
    if isinstance(numbered, RowError):
        return numbered
    headers = [h.strip() for h in numbered[0][1]]
    while headers and not headers[-1]:
        headers.pop()
    if not headers or any(not h for h in headers):
        return RowError(1, "file", _("Give every column a name in the first row."))
    repeated = sorted({h for h in headers if headers.count(h) > 1})
    if repeated:
        return RowError(
            1,
            "file",
            _("Each column name must be used once: %(names)s.") % {"names": ", ".join(repeated)},
        )
    return _table(headers, numbered)


def read_table(
    data: bytes, *, required: Sequence[str], optional: Sequence[str] = ()
) -> Table | RowError:
    """The table in a CSV or .xlsx file, or the first reason it cannot be imported.

    Column names are matched without regard to case or spaces around them; blank rows
    are skipped; every required column must be there, and no column may be unknown or
    repeated."""
    numbered = _numbered(data)
    if isinstance(numbered, RowError):
        return numbered
    headers = [h.strip().lower() for h in numbered[0][1]]
    problem = _header_problem(headers, required, optional)
    if problem is not None:
        return problem
    return _table(headers, numbered)


def _header_problem(
    headers: list[str], required: Sequence[str], optional: Sequence[str]
) -> RowError | None:
    """Why the first row's column names will not do, or None when they will."""
    missing = [c for c in required if c not in headers]
    unknown = [h for h in headers if h not in (*required, *optional)]
    repeated = sorted({h for h in headers if headers.count(h) > 1})
    if not (missing or unknown or repeated):
        return None
    also = _(" It may also have: %(columns)s.") % {"columns": ", ".join(optional)}
    return RowError(
        1,
        "headers",
        _(
            "The first row must name these columns: %(required)s.%(optional)s "
            "Missing: %(missing)s. Not recognised: %(unknown)s. Repeated: %(repeated)s."
        )
        % {
            "required": ", ".join(required),
            "optional": also if optional else "",
            "missing": ", ".join(missing) or _("none"),
            "unknown": ", ".join(unknown) or _("none"),
            "repeated": ", ".join(repeated) or _("none"),
        },
    )
