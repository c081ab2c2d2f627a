"""`{{ item|tr:"title" }}`: a stored text in the reader's language (web/welsh.py)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import mark_safe

from coproduce.web.welsh import in_reader_language, reading_welsh

register = template.Library()


@register.filter
def tr(obj: Any, field: str) -> Any:
    return in_reader_language(obj, field)


@register.filter
def lang_attr(obj: Any, field: str) -> str:
    """` lang="en-GB"` on an element whose text stays English on a Welsh page, so that a
    screen reader reads it in English (WCAG 3.1.2); nothing otherwise."""
    if reading_welsh() and not (getattr(obj, "welsh", None) or {}).get(field):
        return mark_safe(' lang="en-GB"')  # a fixed string
    return ""
