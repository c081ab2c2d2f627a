"""Figures in plain words for readers who are not analysts: whole numbers, and counts
rather than percentages when few people are behind a share."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# A percentage of fewer people than this says more than the figures can bear.
FEWEST_FOR_A_SHARE = 20


def count_or_share(count: int, of: int, counting: str = "") -> str:
    """ "5 of 8 people" for small groups; "63%" (of 40) for larger ones. `counting` is
    "people", "answers" or "" for a bare "5 of 8"."""
    if of <= 0:
        return "–"
    if of >= FEWEST_FOR_A_SHARE:
        whole = (Decimal(100) * count / of).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
        return f"{whole}%"
    words = {"n": count, "total": of}
    if counting == "people":
        return ngettext("%(n)s of %(total)s person", "%(n)s of %(total)s people", of) % words
    if counting == "answers":
        return ngettext("%(n)s of %(total)s answer", "%(n)s of %(total)s answers", of) % words
    return _("%(n)s of %(total)s") % words
