"""What an all-or-nothing import reports: how many rows it read and saved, and each
problem by row and column, so people can fix the file and try again."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RowError:
    row: int
    field: str
    message: str


@dataclass
class ImportReport:
    rows: int = 0
    saved: int = 0
    errors: list[RowError] = field(default_factory=list)
