"""Other names for the same thing, from the A to Z: a glossary term and what it is
also called (abbreviations, older words, words run together). A search for any of
them looks for all of them, so "IAPT" finds the talking therapies story and "kids"
finds stories about children.

The names are read once per change of the library (`search.library_version`) and
kept by each worker.
"""

from __future__ import annotations

import re

from django.core.cache import caches

MAX_PHRASE_WORDS = 6
_WORD = re.compile(r"\w+", re.UNICODE)

Phrase = tuple[str, ...]
# Each unit of a query: the phrases any one of which will do.
Unit = list[Phrase]


def phrase_of(name: str) -> Phrase:
    return tuple(_WORD.findall(name.lower()))[:MAX_PHRASE_WORDS]


def _groups() -> dict[Phrase, list[Phrase]]:
    from coproduce.library.models import GlossaryTerm

    names: dict[Phrase, list[Phrase]] = {}
    for term, also_called in GlossaryTerm.objects.values_list("term", "also_called"):
        group: list[Phrase] = []
        for name in [term, *(also_called or [])]:
            phrase = phrase_of(str(name))
            if phrase and phrase not in group:
                group.append(phrase)
        if len(group) < 2:
            continue
        for phrase in group:
            names.setdefault(phrase, [])
            names[phrase] += [other for other in group if other not in names[phrase]]
    return names


def groups() -> dict[Phrase, list[Phrase]]:
    """Every name in the A to Z that has others, with all of its names."""
    from coproduce.library.search import library_version

    key = f"library:synonyms:{library_version()}"
    found = caches["local"].get(key)
    if found is None:
        found = _groups()
        caches["local"].set(key, found, 600)
    return found


def expand(words: list[str], names: dict[Phrase, list[Phrase]] | None = None) -> list[Unit]:
    """The query as units, longest name first, each with what was typed first:
    ["time", "bank", "kids"] becomes
    [[("time", "bank"), ("timebank",), ...], [("kids",), ("children",), ...]]."""
    names = groups() if names is None else names
    units: list[Unit] = []
    at = 0
    while at < len(words):
        for size in range(min(MAX_PHRASE_WORDS, len(words) - at), 0, -1):
            phrase = tuple(words[at : at + size])
            if phrase in names:
                units.append([phrase, *(other for other in names[phrase] if other != phrase)])
                at += size
                break
        else:
            units.append([(words[at],)])
            at += 1
    return units


def other_names(units: list[Unit]) -> list[str]:
    """The names looked for besides what was typed."""
    return [" ".join(phrase) for unit in units for phrase in unit[1:]]
