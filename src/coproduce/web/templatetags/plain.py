"""`{{ count|count_or_share:total }}`: "5 of 8" for small groups, "63%" for larger ones."""

from __future__ import annotations

from django import template

from coproduce.web.plain import count_or_share as _count_or_share

register = template.Library()


@register.filter
def count_or_share(count: int | None, total: int | None) -> str:
    return _count_or_share(count or 0, total or 0)


@register.filter
def people_share(count: int | None, total: int | None) -> str:
    return _count_or_share(count or 0, total or 0, "people")
