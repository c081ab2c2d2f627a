"""Record numbers from what people send: plain digits only, and small enough to be one.

`str.isdigit()` is true for "¹" and "٣" and for a hundred-digit number; `int()` then fails
on the first, and the database on the last. These say no to all of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

_ID = re.compile(r"[0-9]{1,18}")


def id_or_none(value: Any) -> int | None:
    """The record number in `value`, or None if it is not one."""
    text = str(value if value is not None else "").strip()
    return int(text) if _ID.fullmatch(text) else None


def ids_in(values: Iterable[Any]) -> list[int]:
    """The record numbers among `values`, in order, skipping anything else."""
    return [number for number in map(id_or_none, values) if number is not None]
