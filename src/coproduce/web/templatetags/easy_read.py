"""Easy read on a page: `{% picture "money" %}` and `{% easy_read text %}`."""

from __future__ import annotations

from django import template
from django.templatetags.static import static
from django.utils.html import format_html

from coproduce.web.pictures import Point, easy_points

register = template.Library()


@register.simple_tag
def picture(name: str, size: int = 56) -> str:
    """A picture beside easy-read words. The words say everything, so it has no alt text."""
    return format_html(
        '<img class="cp-picture" src="{}" alt="" width="{}" height="{}">',
        static(f"pictures/{name}.svg"),
        size,
        size,
    )


@register.inclusion_tag("web/includes/easy_read.html")
def easy_read(text: str | list[Point]) -> dict[str, object]:
    """Easy-read points as a list, a picture beside each one."""
    return {"points": easy_points(text) if isinstance(text, str) else text}
