"""Downloads people open in a spreadsheet: one way to write a CSV response.

Text that starts with =, +, -, @ or a tab can run as a formula when the file is
opened in Excel or LibreOffice (a name like `=HYPERLINK(...)` in a payment run sent
to finance). Such cells get a leading apostrophe, which spreadsheets show as plain
text; numbers, including negative ones, are left alone.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse

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
