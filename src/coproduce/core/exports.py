"""Downloads people open in a spreadsheet: one way to write a CSV response.

Text that starts with =, +, -, @ or a tab can run as a formula when the file is
opened in Excel or LibreOffice (a name like `=HYPERLINK(...)` in a payment run sent
to finance). Such cells get a leading apostrophe, which spreadsheets show as plain
text; numbers, including negative ones, are left alone.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV = "text/csv; charset=utf-8"


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
    response = HttpResponse(buffer.getvalue(), content_type=CSV)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class _Line:
    """Where csv.writer writes: it hands back the line it was given."""

    def write(self, line: str) -> str:
        return line


CHUNK = 64 * 1024


def _csv_pieces(rows: Iterable[Iterable[Any]]) -> Iterator[bytes]:
    """The rows as CSV in pieces of about 64 KB, each written as it is read."""
    writer = csv.writer(_Line())
    piece: list[str] = []
    size = 0
    for row in rows:
        line = writer.writerow([safe_cell(cell) for cell in row])
        piece.append(line)
        size += len(line)
        if size >= CHUNK:
            yield "".join(piece).encode()
            piece, size = [], 0
    if piece:
        yield "".join(piece).encode()


def _streamed(pieces: Iterator[bytes], filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(pieces, content_type=CSV)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_stream(rows: Iterable[Iterable[Any]], filename: str) -> StreamingHttpResponse:
    """A CSV download of thousands of rows, sent while the rows are read (in pieces of
    about 64 KB), so neither the server nor the person waits for the whole file first."""
    return _streamed(_csv_pieces(rows), filename)


def kept_folder() -> Path:
    """Where large downloads are kept between changes: made again from the database
    whenever needed, so not backed up."""
    return Path(settings.VAR_DIR) / "run" / "downloads"


def csv_kept(
    rows: Callable[[], Iterable[Iterable[Any]]], filename: str, version: str, shape: str = ""
) -> HttpResponseBase:
    """A large CSV download that changes only when `version` does (a version of the
    data it is read from). `shape` is whatever else shapes the file (the site's address
    in its links); each shape is kept apart. The first download after a change is made
    while it is sent, as `csv_stream`, and kept on disk as it goes; later ones are sent
    from that file, which costs the server almost nothing. A download cut short keeps
    nothing, a full disk only means nothing is kept, and a newer version replaces the
    older ones of the same name and shape."""
    family = f"{Path(filename).stem}-{_digest(shape, 12)}-"
    path = kept_folder() / f"{family}{_digest(version, 24)}.csv"
    try:
        handle = path.open("rb")
    except OSError:  # not made yet (or nowhere to keep it)
        return _streamed(_kept_while_sent(_csv_pieces(rows()), path, family), filename)
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=CSV)


def _digest(text: str, size: int) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:size]


def _kept_while_sent(pieces: Iterator[bytes], path: Path, family: str) -> Iterator[bytes]:
    # Another worker may be making the same file: each writes its own, and the last to
    # finish puts it in place (a rename, so a reader never sees half a file).
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{family}", suffix=".part")
        out: Any = os.fdopen(handle, "wb")
    except OSError:
        yield from pieces  # nowhere to keep it: sent all the same
        return
    try:
        for piece in pieces:
            if out is not None:
                try:
                    out.write(piece)
                except OSError:  # the disk is full: stop keeping, keep sending
                    out.close()
                    out = None
            yield piece
        if out is not None:
            out.close()
            out = None
            os.replace(name, path)
            for older in path.parent.glob(f"{family}{'?' * 24}.csv"):
                if older != path:
                    older.unlink(missing_ok=True)
    finally:
        if out is not None:
            out.close()
        Path(name).unlink(missing_ok=True)  # gone already once it is in place


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
