"""A spelling dictionary of the library's own words, for "did you mean".

`library_spelling` holds every word of the published stories with the number of
stories it is in; `search.index_case_study` keeps it current as stories change.
A word nobody wrote is put right to the nearest word the library has: on
PostgreSQL the nearest by trigrams (pg_trgm's index) are read, on SQLite the
whole dictionary is kept by each worker; either way RapidFuzz then picks the one
fewest edits away (a swap of two letters counts as one), the commoner on a tie.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.cache import caches
from django.db import connection
from rapidfuzz import process
from rapidfuzz.distance import OSA

_SPELLING_WORD = re.compile(r"[^\W\d_]{3,30}", re.UNICODE)
SHORTEST_CORRECTED = 4
NEAREST = 25

SQLITE_SETUP = [
    """CREATE TABLE IF NOT EXISTS library_spelling (
        word TEXT PRIMARY KEY, stories INTEGER NOT NULL) WITHOUT ROWID""",
]
POSTGRES_SETUP = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """CREATE TABLE IF NOT EXISTS library_spelling (
        word text PRIMARY KEY, stories integer NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS library_spelling_trigrams "
    "ON library_spelling USING gist (word gist_trgm_ops)",
]


def words_in(*texts: str) -> set[str]:
    return {word.lower() for text in texts for word in _SPELLING_WORD.findall(text)}


def count(cursor: Any, gone: set[str], added: set[str]) -> None:
    """One story's words changed: these are in one story fewer, those in one more."""
    if gone:
        cursor.executemany(
            "UPDATE library_spelling SET stories = stories - 1 WHERE word = %s",
            [[word] for word in sorted(gone)],
        )
        cursor.execute("DELETE FROM library_spelling WHERE stories <= 0")
    if added:
        cursor.executemany(
            "INSERT INTO library_spelling (word, stories) VALUES (%s, 1) "
            "ON CONFLICT (word) DO UPDATE SET stories = library_spelling.stories + 1",
            [[word] for word in sorted(added)],
        )


def known(words: list[str]) -> set[str]:
    if not words:
        return set()
    placeholders = ", ".join(["%s"] * len(words))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT word FROM library_spelling WHERE word IN ({placeholders})",  # noqa: S608
            words,
        )
        return {row[0] for row in cursor.fetchall()}


def _dictionary() -> dict[str, int]:
    from coproduce.library.search import library_version

    key = f"library:spelling:{library_version()}"
    words = caches["local"].get(key)
    if words is None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT word, stories FROM library_spelling")
            words = dict(cursor.fetchall())
        caches["local"].set(key, words, 600)
    return words


def _near(word: str) -> dict[str, int]:
    """Words of the library that might be this one, with how many stories have them."""
    if connection.vendor != "postgresql":
        return _dictionary()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word, stories FROM library_spelling ORDER BY word <-> %s LIMIT %s",
            [word, NEAREST],
        )
        return dict(cursor.fetchall())


def most_edits(word: str) -> int:
    return 1 if len(word) <= 5 else 2


def nearest(word: str) -> str | None:
    """The library's word this one was most likely meant to be, if any is close."""
    candidates = _near(word)
    if not candidates:
        return None
    matches = process.extract(
        word,
        list(candidates),
        scorer=OSA.distance,
        score_cutoff=most_edits(word),
        limit=NEAREST,
    )
    if not matches:
        return None
    best = min(matches, key=lambda match: (match[1], -candidates[match[0]], match[0]))
    return str(best[0])


def corrected(words: list[str], also_known: set[str]) -> list[str]:
    """The words with each unknown one put right where the library has a near word;
    short words, numbers and words it knows stay as they are."""
    unknown = [
        word
        for word in words
        if len(word) >= SHORTEST_CORRECTED and word.isalpha() and word not in also_known
    ]
    spelled = known(unknown)
    fixes = {word: nearest(word) for word in unknown if word not in spelled}
    return [fixes.get(word) or word for word in words]
