"""One search interface for the library, with SQLite FTS5 or PostgreSQL full-text
search behind it. The index holds published case studies only and is rewritten by
`index_case_study` whenever one is saved, so it is always current.

Whatever people type is treated as words, never as query syntax: FTS5 gets each
word quoted; PostgreSQL gets `phraseto_tsquery` for each, which cannot fail to
parse. A word or phrase the A to Z knows by other names looks for any of them
(synonyms.py); when nothing matches, words the library never uses are put right
to the nearest it does (spelling.py) and the page says so.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from coproduce.core import kept
from coproduce.library import spelling, synonyms
from coproduce.library.synonyms import Unit

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
_START, _STOP = "\x02", "\x03"
_WORD = re.compile(r"\w+", re.UNICODE)

SQLITE_SETUP = [
    # Our own copy of the text (not an external-content table), so the index can
    # never point at text that has changed underneath it.
    """CREATE VIRTUAL TABLE IF NOT EXISTS library_search USING fts5(
        title, summary, body, tags, tokenize = 'porter unicode61 remove_diacritics 2')""",
]
POSTGRES_SETUP = [
    # No foreign key: Django's flush truncates library_casestudy on its own, which
    # PostgreSQL refuses while another table references it. Deleting a case study
    # removes its row (see apps.py), and searches only ever return published stories.
    """CREATE TABLE IF NOT EXISTS library_search (
        id bigint PRIMARY KEY,
        body text NOT NULL,
        document tsvector NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS library_search_document ON library_search USING gin (document)",
]


def install(connection_: Any) -> None:
    statements = SQLITE_SETUP if connection_.vendor == "sqlite" else POSTGRES_SETUP
    with connection_.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def install_spelling(connection_: Any) -> None:
    """The spelling dictionary, and on PostgreSQL the words each story put in it."""
    sqlite = connection_.vendor == "sqlite"
    statements = spelling.SQLITE_SETUP if sqlite else spelling.POSTGRES_SETUP
    if not sqlite:
        statements = [
            *statements,
            "ALTER TABLE library_search ADD COLUMN IF NOT EXISTS words text NOT NULL DEFAULT ''",
        ]
    with connection_.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def remove(connection_: Any) -> None:
    with connection_.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS library_search")


def remove_spelling(connection_: Any) -> None:
    with connection_.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS library_spelling")


@dataclass
class Hit:
    id: int
    rank: float
    snippet: SafeString


@dataclass
class Found:
    query: str
    hits: list[Hit] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    # What was searched for instead, when nothing matched what was asked.
    corrected: str = ""


def words_of(query: str) -> list[str]:
    return _WORD.findall(query[:MAX_QUERY_LENGTH].lower())[:MAX_WORDS]


def library_version() -> int:
    """Changes whenever the index does, so cached searches and pages start afresh."""
    return kept.version("library")


def library_changed() -> None:
    """Start cached searches and pages afresh."""
    kept.changed("library")


def unindex(pk: int) -> None:
    with connection.cursor() as cursor:
        _take_out(cursor, pk)
    library_changed()


def _take_out(cursor: Any, pk: int) -> set[str]:
    """Remove a story from the index; the words it had put in the dictionary."""
    if connection.vendor == "sqlite":
        cursor.execute(
            "SELECT title, summary, body, tags FROM library_search WHERE rowid = %s", [pk]
        )
        row = cursor.fetchone()
        words = spelling.words_in(*row) if row else set()
        cursor.execute("DELETE FROM library_search WHERE rowid = %s", [pk])
    else:
        cursor.execute("SELECT words FROM library_search WHERE id = %s", [pk])
        row = cursor.fetchone()
        words = set(row[0].split()) if row else set()
        cursor.execute("DELETE FROM library_search WHERE id = %s", [pk])
    spelling.count(cursor, words, set())
    return words


def index_case_study(case_study: Any) -> None:
    """Put a published case study in the index, or take any other out."""
    library_changed()
    with connection.cursor() as cursor:
        _take_out(cursor, case_study.pk)
        if case_study.status != "published":
            return
        text = case_study.search_text()
        words = spelling.words_in(*text.values())
        spelling.count(cursor, set(), words)
        if connection.vendor == "sqlite":
            cursor.execute(
                "INSERT INTO library_search (rowid, title, summary, body, tags) "
                "VALUES (%s, %s, %s, %s, %s)",
                [case_study.pk, text["title"], text["summary"], text["body"], text["tags"]],
            )
        else:
            cursor.execute(
                "INSERT INTO library_search (id, body, words, document) VALUES (%s, %s, %s, "
                "setweight(to_tsvector('english', %s), 'A') || "
                "setweight(to_tsvector('english', %s), 'B') || "
                "setweight(to_tsvector('english', %s), 'B') || "
                "setweight(to_tsvector('english', %s), 'C'))",
                [
                    case_study.pk,
                    f"{text['summary']}\n{text['body']}",
                    " ".join(sorted(words)),
                    text["title"],
                    text["summary"],
                    text["tags"],
                    text["body"],
                ],
            )


def _snippet(raw: str) -> SafeString:
    """Escape the text, then turn the database's match markers into <mark>."""
    safe = escape(raw.replace("\n", " "))
    return mark_safe(safe.replace(_START, "<mark>").replace(_STOP, "</mark>"))  # noqa: S308


def _match(units: list[Unit]) -> str:
    """FTS5: every unit, each one any of its phrases."""
    return " AND ".join(
        "(" + " OR ".join('"' + " ".join(phrase) + '"' for phrase in unit) + ")" for unit in units
    )


def _tsquery(units: list[Unit]) -> tuple[str, list[str]]:
    """PostgreSQL: the same, as a tsquery expression and its parameters."""
    parts, params = [], []
    for unit in units:
        parts.append("(" + " || ".join(["phraseto_tsquery('english', %s)"] * len(unit)) + ")")
        params += [" ".join(phrase) for phrase in unit]
    return " && ".join(parts), params


def _ranked(units: list[Unit], limit: int) -> list[Hit]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT rowid, bm25(library_search, 10.0, 4.0, 1.0, 3.0) AS rank "
                "FROM library_search WHERE library_search MATCH %s ORDER BY rank, rowid LIMIT %s",
                [_match(units), limit],
            )
            return [Hit(row[0], -row[1], SafeString("")) for row in cursor.fetchall()]
        asked, params = _tsquery(units)
        cursor.execute(
            "SELECT id, ts_rank_cd(document, asked.q, 32) AS rank "  # noqa: S608
            f"FROM library_search, (SELECT {asked} AS q) AS asked "
            "WHERE document @@ asked.q ORDER BY rank DESC, id LIMIT %s",
            [*params, limit],
        )
        return [Hit(row[0], row[1], SafeString("")) for row in cursor.fetchall()]


def search(query: str, limit: int = 5000, *, expand: bool = True, correct: bool = True) -> Found:
    """Published case studies matching every word (or another name for it), best
    first. When nothing matches and some words are not the library's, the words
    put right are searched instead, and `corrected` says what they were."""
    words = words_of(query)
    found = Found(query=query, words=words)
    if not words:
        return found
    names = synonyms.groups() if expand else {}
    found.units = synonyms.expand(words, names)
    found.hits = _ranked(found.units, limit)
    if found.hits or not correct:
        return found
    also_known = {word for phrase in names for word in phrase}
    fixed = spelling.corrected(words, also_known)
    if fixed == words:
        return found
    better = search(" ".join(fixed), limit, expand=expand, correct=False)
    if better.hits:
        better.query, better.corrected = query, " ".join(fixed)
        return better
    return found


def among(ids: list[int]) -> RawSQL:
    """A subquery of these ids, for `pk__in=`: one parameter however many ids there
    are, where a plain list would send thousands."""
    if connection.vendor == "sqlite":
        return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)])
    return RawSQL("SELECT unnest(%s::bigint[])", [ids])


def snippets(found: Found, ids: list[int]) -> dict[int, SafeString]:
    """The matching passage of each of these case studies, words marked, for one page."""
    if not found.units or not ids:
        return {}
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT rowid, snippet(library_search, 2, %s, %s, '…', 24) "
                "FROM library_search WHERE library_search MATCH %s "
                "AND rowid IN (SELECT value FROM json_each(%s))",
                [_START, _STOP, _match(found.units), json.dumps(ids)],
            )
        else:
            asked, params = _tsquery(found.units)
            cursor.execute(
                "SELECT id, ts_headline('english', body, asked.q, %s) "  # noqa: S608
                f"FROM library_search, (SELECT {asked} AS q) AS asked "
                "WHERE id = ANY(%s)",
                [
                    f"StartSel={_START}, StopSel={_STOP}, MaxWords=30, MinWords=12, "
                    "MaxFragments=1, FragmentDelimiter=…",
                    *params,
                    list(ids),
                ],
            )
        return {row[0]: _snippet(row[1]) for row in cursor.fetchall()}
