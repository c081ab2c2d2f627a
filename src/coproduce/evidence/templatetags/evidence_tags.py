"""Filters that show evidence figures the same way on every page and in the PDF."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from django import template
from django.utils.translation import gettext as _

from coproduce.evidence.figures import rounded
from coproduce.web.plain import whole

register = template.Library()
DASH = "–"


@register.filter
def pounds(pence: Any) -> str:
    """Pence (a whole number or an exact fraction) as whole pounds: £75,000."""
    if pence is None:
        return DASH
    whole = rounded(Fraction(pence) / 100, "1")
    return f"-£{-whole:,}" if whole is not None and whole < 0 else f"£{whole:,}"


@register.filter
def percent(value: Any) -> str:
    """A share worked out to 2 decimals, or a dash when there was nothing to divide by."""
    return DASH if value is None else f"{value}%"


@register.filter
def ratio(value: Any, places: str = "0.01") -> str:
    """An exact ratio (return per pound, kappa) rounded for showing."""
    if value is None:
        return DASH
    return str(rounded(Fraction(value) if not isinstance(value, Decimal) else value, places))


@register.filter
def figure(value: Any) -> str:
    """A recorded figure without needless decimals: 4541, 12.5."""
    if value is None or value == "":
        return DASH
    number = Decimal(value)
    text = f"{number:,.2f}"
    return text[:-3] if text.endswith(".00") else text


@register.filter
def months(value: Any) -> str:
    return DASH if value is None else str(rounded(Fraction(value), "0.1"))


@register.filter
def get(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def change_words(before: Any, after: Any) -> str:
    """How a figure moved between two periods, in words: "up 6", "down 3", "no change"."""
    if before is None or after is None or before == "" or after == "":
        return DASH
    difference = Decimal(after) - Decimal(before)
    if difference == 0:
        return _("no change")
    amount = figure(abs(difference))
    return (_("up %(n)s") if difference > 0 else _("down %(n)s")) % {"n": amount}


@register.filter
def whole_percent(value: Any) -> str:
    """A share to the nearest whole per cent, for readers who are not analysts."""
    return DASH if value is None else f"{whole(value)}%"
