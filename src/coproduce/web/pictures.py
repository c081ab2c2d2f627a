"""Pictures for easy read: one beside each point, from OpenMoji (CC BY-SA 4.0).

`pictures.txt` names every picture we use; `make assets` copies them into static files.
Writers can choose a picture for a line by starting it with its name in square brackets
("[money] You get paid for your time."); otherwise the line's words choose one."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

# Words that suggest a picture, checked in this order; the first that fits wins.
_HINTS: list[tuple[str, tuple[str, ...]]] = [
    ("money", ("paid", "pay", "money", "£", "cost", "voucher", "cash", "budget", "spend")),
    ("credits", ("credit",)),
    ("calendar", ("date", "day", "week", "month", "year", "monday", "meeting on")),
    ("clock", ("hour", "time", "o'clock", "am ", "pm ")),
    ("child", ("child", "children", "young", "school", "play")),
    ("family", ("family", "parent", "carer")),
    ("health", ("hospital", "doctor", "nurse", "gp", "nhs", "health", "ill", "medicine")),
    ("care", ("care", "support", "help", "kind", "feel")),
    ("food", ("food", "eat", "lunch", "cook", "meal", "kitchen")),
    ("home", ("home", "house", "live", "street", "housing")),
    ("travel", ("bus", "travel", "transport", "car", "train")),
    ("council", ("council", "government", "commission", "decide", "decision", "board")),
    ("listen", ("listen", "heard", "hear")),
    ("talk", ("say", "said", "talk", "tell", "told", "ask", "voice", "speak", "question")),
    ("write", ("write", "wrote", "form", "report", "notes")),
    ("book", ("read", "book", "learn", "story")),
    ("work", ("job", "work", "staff", "volunteer")),
    ("grow", ("grow", "garden", "better", "improve", "start")),
    ("up", ("more", "increase", "went up", "rise")),
    ("chart", ("result", "score", "survey", "count", "number")),
    ("together", ("together", "partner", "equal", "share", "co-produc", "team")),
    ("people", ("people", "member", "everyone", "group", "community")),
    ("star", ("proud", "award", "best", "good")),
    ("idea", ("idea", "plan", "design", "new")),
]
_CHOSEN = re.compile(r"^\s*\[([a-z ]+)\]\s*")


@cache
def names() -> frozenset[str]:
    lines = (Path(__file__).with_name("pictures.txt")).read_text().splitlines()
    return frozenset(line.split()[0] for line in lines if line.strip() and not line.startswith("#"))


def picture_for(words: str) -> str:
    """The picture that best goes with a sentence."""
    text = f" {words.lower()} "
    for name, hints in _HINTS:
        if any(hint in text for hint in hints):
            return name
    return "point"


@dataclass(frozen=True)
class Point:
    picture: str
    words: str


def easy_points(text: str) -> list[Point]:
    """Easy-read text, one point a line, each with its picture."""
    points = []
    for line in text.splitlines():
        chosen = _CHOSEN.match(line)
        words = line[chosen.end() :] if chosen else line
        words = words.strip().lstrip("-•*").strip()
        if not words:
            continue
        picture = chosen.group(1).strip() if chosen else ""
        points.append(Point(picture if picture in names() else picture_for(words), words))
    return points
