"""Figures in plain words for readers who are not analysts: whole numbers, and counts
rather than percentages when few people are behind a share."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# A percentage of fewer people than this says more than the figures can bear.
FEWEST_FOR_A_SHARE = 20


def whole(value: Any) -> int:
    """A figure to the nearest whole number, halves up (2.5 is 3, as people expect)."""
    return int(Decimal(str(value)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def percent_of(count: int, of: int) -> int:
    """`count` as a whole percentage of `of` (which is not 0)."""
    return whole(Decimal(100 * count) / of)


def count_or_share(count: int, of: int, counting: str = "") -> str:
    """ "5 of 8 people" for small groups; "63%" (of 40) for larger ones. `counting` is
    "people", "answers" or "" for a bare "5 of 8"."""
    if of <= 0:
        return "–"
    if of >= FEWEST_FOR_A_SHARE:
        return f"{percent_of(count, of)}%"
    words = {"n": count, "total": of}
    if counting == "people":
        return ngettext("%(n)s of %(total)s person", "%(n)s of %(total)s people", of) % words
    if counting == "answers":
        return ngettext("%(n)s of %(total)s answer", "%(n)s of %(total)s answers", of) % words
    return _("%(n)s of %(total)s") % words
