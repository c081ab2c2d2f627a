"""Downloads people open in a spreadsheet: one way to write a CSV response.

Text that starts with =, +, -, @ or a tab can run as a formula when the file is
opened in Excel or LibreOffice (a name like `=HYPERLINK(...)` in a payment run sent
to finance). Such cells get a leading apostrophe, which spreadsheets show as plain
text; numbers, including negative ones, are left alone.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        try:
            float(value)
        except ValueError:
            return f"'{value}"
    return value


def csv_response(rows: Iterable[Iterable[Any]], filename: str) -> HttpResponse:
    """A CSV download; an empty row leaves a blank line between sections."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class _Line:
    """Where csv.writer writes: it hands back the line it was given."""

    def write(self, line: str) -> str:
        return line


CHUNK = 64 * 1024


def csv_stream(rows: Iterable[Iterable[Any]], filename: str) -> StreamingHttpResponse:
    """A CSV download of thousands of rows, sent while the rows are read (in pieces of
    about 64 KB), so neither the server nor the person waits for the whole file first."""
    writer = csv.writer(_Line())

    def pieces() -> Iterator[str]:
        piece: list[str] = []
        size = 0
        for row in rows:
            line = writer.writerow([safe_cell(cell) for cell in row])
            piece.append(line)
            size += len(line)
            if size >= CHUNK:
                yield "".join(piece)
                piece, size = [], 0
        if piece:
            yield "".join(piece)

    response = StreamingHttpResponse(pieces(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(sheets: Mapping[str, Iterable[Iterable[Any]]], filename: str) -> HttpResponse:
    """An XLSX download with one sheet per entry, formulas kept from running as in CSV
    (openpyxl would store text starting with "=" as a formula)."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title=title[:31])
        for row in rows:
            sheet.append([safe_cell(_plain_value(cell)) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _plain_value(value: Any) -> Any:
    """Values a spreadsheet cell can hold: numbers stay numbers, anything else is text."""
    if value is None or isinstance(value, int | float | str):
        return value
    if isinstance(value, Decimal):
        return float(value)
    return str(value)


DOWNLOAD_FORMATS = ("csv", "xlsx")


def download_format(request: Any) -> str:
    """The download asked for (`?format=csv` or `?format=xlsx`), or "" for the page."""
    wanted = str(request.GET.get("format", ""))
    return wanted if wanted in DOWNLOAD_FORMATS else ""


def table_response(rows: Iterable[Iterable[Any]], name: str, fmt: str, sheet: str) -> HttpResponse:
    """One table as a CSV or XLSX download, the same rows either way."""
    if fmt == "xlsx":
        return xlsx_response({sheet: rows}, f"{name}.xlsx")
    return csv_response(rows, f"{name}.csv")
