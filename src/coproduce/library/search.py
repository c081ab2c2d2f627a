"""One search interface for the library, with SQLite FTS5 or PostgreSQL full-text
search behind it. The index holds published case studies only and is rewritten by
`index_case_study` whenever one is saved, so it is always current.

Whatever people type is treated as words, never as query syntax: FTS5 gets each
word quoted; PostgreSQL gets `websearch_to_tsquery`, which cannot fail to parse.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

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


def remove(connection_: Any) -> None:
    with connection_.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS library_search")


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


def words_of(query: str) -> list[str]:
    return _WORD.findall(query[:MAX_QUERY_LENGTH].lower())[:MAX_WORDS]


VERSION_KEY = "library:version"


def library_version() -> int:
    """Changes whenever the index does, so cached searches and pages start afresh."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    return int(version)


def _changed() -> None:
    cache.set(VERSION_KEY, time.time_ns(), None)


def unindex(pk: int) -> None:
    with connection.cursor() as cursor:
        column = "rowid" if connection.vendor == "sqlite" else "id"
        cursor.execute(f"DELETE FROM library_search WHERE {column} = %s", [pk])  # noqa: S608
    _changed()


def index_case_study(case_study: Any) -> None:
    """Put a published case study in the index, or take any other out."""
    published = case_study.status == "published"
    _changed()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DELETE FROM library_search WHERE rowid = %s", [case_study.pk])
            if published:
                text = case_study.search_text()
                cursor.execute(
                    "INSERT INTO library_search (rowid, title, summary, body, tags) "
                    "VALUES (%s, %s, %s, %s, %s)",
                    [case_study.pk, text["title"], text["summary"], text["body"], text["tags"]],
                )
        else:
            cursor.execute("DELETE FROM library_search WHERE id = %s", [case_study.pk])
            if published:
                text = case_study.search_text()
                cursor.execute(
                    "INSERT INTO library_search (id, body, document) VALUES (%s, %s, "
                    "setweight(to_tsvector('english', %s), 'A') || "
                    "setweight(to_tsvector('english', %s), 'B') || "
                    "setweight(to_tsvector('english', %s), 'B') || "
                    "setweight(to_tsvector('english', %s), 'C'))",
                    [
                        case_study.pk,
                        f"{text['summary']}\n{text['body']}",
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


def _match(words: list[str]) -> str:
    return " ".join(f'"{word}"' for word in words)


def search(query: str, limit: int = 5000) -> Found:
    """Published case studies matching every word, best first."""
    words = words_of(query)
    found = Found(query=query, words=words)
    if not words:
        return found
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT rowid, bm25(library_search, 10.0, 4.0, 1.0, 3.0) AS rank "
                "FROM library_search WHERE library_search MATCH %s ORDER BY rank, rowid LIMIT %s",
                [_match(words), limit],
            )
            found.hits = [Hit(row[0], -row[1], SafeString("")) for row in cursor.fetchall()]
        else:
            cursor.execute(
                "SELECT id, ts_rank_cd(document, q, 32) AS rank "
                "FROM library_search, websearch_to_tsquery('english', %s) q "
                "WHERE document @@ q ORDER BY rank DESC, id LIMIT %s",
                [" ".join(words), limit],
            )
            found.hits = [Hit(row[0], row[1], SafeString("")) for row in cursor.fetchall()]
    return found


def among(ids: list[int]) -> RawSQL:
    """A subquery of these ids, for `pk__in=`: one parameter however many ids there
    are, where a plain list would send thousands."""
    if connection.vendor == "sqlite":
        return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)])
    return RawSQL("SELECT unnest(%s::bigint[])", [ids])


def snippets(found: Found, ids: list[int]) -> dict[int, SafeString]:
    """The matching passage of each of these case studies, words marked, for one page."""
    if not found.words or not ids:
        return {}
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT rowid, snippet(library_search, 2, %s, %s, '…', 24) "
                "FROM library_search WHERE library_search MATCH %s "
                "AND rowid IN (SELECT value FROM json_each(%s))",
                [_START, _STOP, _match(found.words), json.dumps(ids)],
            )
        else:
            cursor.execute(
                "SELECT id, ts_headline('english', body, q, %s) "
                "FROM library_search, websearch_to_tsquery('english', %s) q "
                "WHERE id = ANY(%s)",
                [
                    f"StartSel={_START}, StopSel={_STOP}, MaxWords=30, MinWords=12, "
                    "MaxFragments=1, FragmentDelimiter=…",
                    " ".join(found.words),
                    list(ids),
                ],
            )
        return {row[0]: _snippet(row[1]) for row in cursor.fetchall()}
