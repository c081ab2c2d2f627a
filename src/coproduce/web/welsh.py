"""Welsh for content stored as data (framework packs, the scale, the A to Z, the toolkit,
case studies): each such model keeps its Welsh in a `welsh` JSON field, keyed by field
name, and a page reads it through `in_reader_language`. English is always there; Welsh
is shown where it has been written, and English where it has not."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language


def reading_welsh() -> bool:
    return (get_language() or "").startswith("cy")


def in_reader_language(obj: Any, field: str) -> Any:
    """The field in the reader's language: its Welsh when they read Welsh and it has
    some, otherwise the field itself."""
    if obj is None:
        return ""
    if reading_welsh():
        welsh = (getattr(obj, "welsh", None) or {}).get(field)
        if welsh:
            return welsh
    return getattr(obj, field, "")
