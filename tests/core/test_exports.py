"""Downloads that open safely in a spreadsheet."""

import csv
import io

from coproduce.core.exports import CHUNK, csv_kept, csv_response, csv_stream, kept_folder, safe_cell


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


class Rows:
    """Rows for a kept download, counting how often they are read."""

    def __init__(self, title: str, many: int = 3000) -> None:
        self.title, self.many, self.reads = title, many, 0

    def __call__(self):
        self.reads += 1
        yield ["n", "title"]
        for n in range(self.many):
            yield [n, f"{self.title} {n}"]


def _body(response) -> str:
    return b"".join(response.streaming_content).decode()


def test_a_kept_download_is_made_once_while_sent_then_sent_from_its_file(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    rows = Rows("Story")
    first = csv_kept(rows, "stories.csv", version="1")
    assert first["Content-Disposition"] == 'attachment; filename="stories.csv"'
    made = _body(first)
    assert rows.reads == 1
    assert made.startswith("n,title\r\n0,Story 0\r\n")
    assert "2999,Story 2999" in made
    kept = list(kept_folder().glob("stories-*.csv"))
    assert len(kept) == 1
    second = csv_kept(rows, "stories.csv", version="1")
    assert second["Content-Disposition"] == 'attachment; filename="stories.csv"'
    assert second["Content-Type"] == "text/csv; charset=utf-8"
    assert _body(second) == made
    assert rows.reads == 1  # the database is not read again


def test_a_new_version_makes_a_new_file_and_the_old_one_goes(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    _body(csv_kept(Rows("Old"), "stories.csv", version="1"))
    _body(csv_kept(Rows("Other"), "people.csv", version="1"))
    changed = Rows("New")
    assert "New 5" in _body(csv_kept(changed, "stories.csv", version="2"))
    assert changed.reads == 1
    names = sorted(path.name.split("-")[0] for path in kept_folder().iterdir())
    assert names == ["people", "stories"]  # the other download is left alone
    assert "Old" not in _body(csv_kept(Rows("Again"), "stories.csv", version="2"))


def test_a_download_cut_short_keeps_nothing(settings, tmp_path, db):
    settings.VAR_DIR = tmp_path
    rows = Rows("Story", many=20000)
    response = csv_kept(rows, "stories.csv", version="1")
    pieces = iter(response.streaming_content)
    next(pieces)
    response.close()  # the person went away after the first piece (the request ends)
    assert list(kept_folder().iterdir()) == []
    again = Rows("Story", many=20000)
    assert _body(csv_kept(again, "stories.csv", version="1")).count("\n") == 20001
    assert again.reads == 1


def test_each_shape_of_a_download_is_kept_apart(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    _body(csv_kept(Rows("Here"), "stories.csv", version="1", shape="https://a.example"))
    _body(csv_kept(Rows("There"), "stories.csv", version="1", shape="https://b.example"))
    assert len(list(kept_folder().glob("stories-*.csv"))) == 2
    again = Rows("Again")
    assert "Here 7" in _body(csv_kept(again, "stories.csv", version="1", shape="https://a.example"))
    assert "There 7" in _body(
        csv_kept(again, "stories.csv", version="1", shape="https://b.example")
    )
    assert again.reads == 0


def test_a_download_with_nowhere_to_be_kept_is_sent_all_the_same(settings, tmp_path):
    (tmp_path / "run").write_text("not a folder")
    settings.VAR_DIR = tmp_path
    rows = Rows("Story")
    assert _body(csv_kept(rows, "stories.csv", version="1")).count("\n") == 3001
    assert _body(csv_kept(rows, "stories.csv", version="1")).count("\n") == 3001
    assert rows.reads == 2
