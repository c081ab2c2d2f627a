"""How counts of people are published so that nobody can be picked out (issue 20).

A count of 1 to 4 is shown only as "fewer than 5"; every other count is rounded to the
nearest 5 (halves up), and every share is worked out from published counts only. No
published figure is then exact except 0, so no sum or difference of published figures,
within one table or across two reports on the same people, can pin a group to a size
from 1 to 4: the differencing that defeats cell suppression alone (hiding small cells
but printing the total) has nothing exact to subtract."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from coproduce.web import plain

SMALLEST = 5


@dataclass(frozen=True)
class Published:
    """A count of people as published: `value` is None for "fewer than 5"."""

    value: int | None

    @property
    def hidden(self) -> bool:
        return self.value is None

    def __str__(self) -> str:
        """As a reader sees it: the rounded count, or "fewer than 5"."""
        return _("fewer than 5") if self.value is None else str(self.value)

    def bounds(self) -> tuple[int, int]:
        """The true counts this published figure could stand for."""
        if self.value is None:
            return 1, SMALLEST - 1
        if self.value == 0:
            return 0, 0
        return max(SMALLEST, self.value - 2), self.value + 2


def publish(count: int) -> Published:
    if count <= 0:
        return Published(0)
    if count < SMALLEST:
        return Published(None)
    return Published(plain.whole(Decimal(count) / SMALLEST) * SMALLEST)


def share(part: Published, whole: Published) -> int | None:
    """A whole-number percentage from two published counts, or None when either is
    hidden or there is nothing to divide by."""
    if part.value is None or whole.value is None or whole.value == 0:
        return None
    return plain.percent_of(part.value, whole.value)
