"""Types and helpers every part of the evidence API shares."""

from __future__ import annotations

from typing import Annotated, Any

from ninja import Path
from pydantic import StringConstraints

from coproduce.core.api import MAX_ID, whole_number
from coproduce.evidence import figures

# Figures travel as text, exactly as typed into a spreadsheet: "4541" or "12.50".
Figure = Annotated[str, StringConstraints(pattern=r"^[0-9]{1,12}(\.[0-9]{1,2})?$")]
Share = Annotated[str, StringConstraints(pattern=r"^([0-9]{1,2}(\.[0-9]{1,2})?|100(\.00?)?)?$")]
ObjectId = Annotated[int, Path(..., ge=1, le=MAX_ID)]
Pence = whole_number(1, 10**14)


def text_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


def figure_text(value: Any) -> str | None:
    """A recorded figure as text, a whole number without decimals: "4541", "12.5"."""
    return text_or_none(figures.plain(value))
