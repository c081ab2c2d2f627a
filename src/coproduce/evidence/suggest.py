"""Suggested codes for an excerpt, by a method anyone can check.

A code's words are its name, its description and the excerpts already coded with it.
An excerpt scores against a code by the words they share, each weighted by how rare it
is across the codebook (inverse document frequency), so "trust" counts for more than
"people". The matched words are shown with every suggestion, so a coder sees why.

Another method (a local embedding model, say) can stand in for this one: it only has to
offer `suggest(text, profiles)` returning `Suggestion`s.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from coproduce.evidence.extract import SPEAKER_LABEL

# Common words that say nothing about a theme.
STOPWORDS = frozenset(
    [
        "a",
        "about",
        "after",
        "again",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "done",
        "for",
        "from",
        "get",
        "got",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "him",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "just",
        "like",
        "me",
        "more",
        "most",
        "my",
        "no",
        "not",
        "now",
        "of",
        "on",
        "one",
        "only",
        "or",
        "other",
        "our",
        "out",
        "over",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "up",
        "us",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yes",
        "really",
        "thing",
        "things",
        "lot",
        "lots",
    ]
)
_WORD = re.compile(r"[a-z]+")
_ENDINGS = ("ingly", "ments", "ment", "ness", "ings", "ing", "ies", "ied", "ed", "es", "ly", "s")


def stem(word: str) -> str:
    """A light stem: enough that "trusted", "trusting" and "trusts" meet at "trust"."""
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def words(text: str) -> set[str]:
    """The telling words of a passage, stemmed; a speaker's label ("Ben: ") is not one."""
    text = SPEAKER_LABEL.sub("", text, count=1)
    return {stem(w) for w in _WORD.findall(text.lower()) if w not in STOPWORDS and len(w) > 2}


@dataclass(frozen=True)
class Suggestion:
    code_id: int
    score: float
    matched: tuple[str, ...]


class LexicalSuggester:
    """Shared words, weighted by rarity across the codebook."""

    def suggest(self, text: str, profiles: Mapping[int, str], limit: int = 3) -> list[Suggestion]:
        code_words = {code_id: words(profile) for code_id, profile in profiles.items()}
        documents = len(code_words) or 1
        frequency: dict[str, int] = {}
        for found in code_words.values():
            for word in found:
                frequency[word] = frequency.get(word, 0) + 1
        mine = words(text)
        suggestions = []
        for code_id, found in code_words.items():
            shared = sorted(mine & found)
            if not shared:
                continue
            score = sum(math.log(1 + documents / frequency[w]) for w in shared)
            suggestions.append(Suggestion(code_id, round(score, 3), tuple(shared)))
        suggestions.sort(key=lambda s: (-s.score, s.code_id))
        return suggestions[:limit]


def code_profiles(codes: Sequence[tuple[int, str, str]], coded: Sequence[tuple[int, str]]) -> dict:
    """Each code's words: its name and description, plus the excerpts coded with it."""
    profiles = {code_id: f"{name} {description}" for code_id, name, description in codes}
    for code_id, text in coded:
        if code_id in profiles:
            profiles[code_id] += " " + text
    return profiles
