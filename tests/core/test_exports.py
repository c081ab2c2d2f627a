"""Downloads that open safely in a spreadsheet."""

import csv
import io

from coproduce.core.exports import csv_response, safe_cell


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
