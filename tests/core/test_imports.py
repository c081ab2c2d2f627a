"""The one table reader every import uses: CSV or .xlsx, the same rules for both."""

import io

import pytest
from openpyxl import Workbook

from coproduce.core.imports import RowError, Table, read_table


def xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def read(data: bytes) -> Table | RowError:
    return read_table(data, required=("session", "hours"), optional=("role",))


def test_csv_and_a_spreadsheet_give_the_same_table() -> None:
    from_csv = read(b" Session ,HOURS,role\r\n12,1.5,co_chair\r\n,,\r\n13,2,\r\n")
    from_xlsx = read(xlsx([[" Session ", "HOURS", "role"], [12, 1.5, "co_chair"], [], [13, 2]]))
    for table in (from_csv, from_xlsx):
        assert isinstance(table, Table)
        assert table.headers == ["session", "hours", "role"]
        # Blank rows are skipped, and rows keep the numbers people see in their file.
        assert [row.number for row in table.rows] == [2, 4]
        assert table.rows[0].get("session") == "12"
        assert table.rows[1].get("role") == ""


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"session,role\n1,x\n", "Missing: hours"),
        (b"session,hours,colour\n1,2,red\n", "Not recognised: colour"),
        (b"session,hours,hours\n1,2,3\n", "Repeated: hours"),
        (b"\n\n", "The file is empty"),
        ("session,hours\nJos\u00e9,1\n".encode("latin-1"), "not UTF-8"),
        (b"session,hours\x00\n", "Upload a CSV or an .xlsx spreadsheet"),
        (b"PK\x03\x04not really a spreadsheet", "could not be read"),
    ],
)
def test_a_file_that_cannot_be_imported_says_why(data: bytes, words: str) -> None:
    problem = read(data)
    assert isinstance(problem, RowError)
    assert words in problem.message
