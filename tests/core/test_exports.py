"""Downloads that open safely in a spreadsheet."""

import csv
import io

from coproduce.core.exports import CHUNK, csv_response, csv_stream, safe_cell


def test_text_that_a_spreadsheet_would_run_is_kept_as_text():
    assert safe_cell('=HYPERLINK("http://x","pay me")') == '\'=HYPERLINK("http://x","pay me")'
    assert safe_cell("+44 20 7946 0000") == "'+44 20 7946 0000"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    # Numbers, negative ones included, stay numbers; ordinary text is untouched.
    assert safe_cell("-1250") == "-1250"
    assert safe_cell(-3) == -3
    assert safe_cell("Noor") == "Noor"


def test_csv_response_writes_every_row_safely():
    response = csv_response([["name", "amount"], ["=1+1", "-5"], [], ["Mo", 3]], "x.csv")
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [["name", "amount"], ["'=1+1", "-5"], [], ["Mo", "3"]]


def test_a_streamed_csv_is_the_same_file_sent_in_pieces_as_it_is_read():
    read = []

    def rows():
        yield ["name", "note"]
        for n in range(5000):
            read.append(n)
            yield [f"Person {n}", "=cmd|' /C calc'!A0" if n == 7 else "a longer note " * 3]

    response = csv_stream(rows(), "people.csv")
    assert response.streaming
    assert response["Content-Disposition"] == 'attachment; filename="people.csv"'
    assert read == []  # nothing is read until the file is sent
    pieces = list(response.streaming_content)
    assert len(pieces) > 1
    assert all(len(piece) <= CHUNK + 200 for piece in pieces)
    lines = list(csv.reader(io.StringIO(b"".join(pieces).decode())))
    assert len(lines) == 5001
    assert lines[8] == ["Person 7", "'=cmd|' /C calc'!A0"]
    assert lines[-1][0] == "Person 4999"
