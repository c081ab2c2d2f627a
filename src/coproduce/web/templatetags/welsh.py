"""`{{ item|tr:"title" }}`: a stored text in the reader's language (web/welsh.py)."""

from __future__ import annotations

from typing import Any

from django import template

from coproduce.web.welsh import in_reader_language

register = template.Library()


@register.filter
def tr(obj: Any, field: str) -> Any:
    return in_reader_language(obj, field)
