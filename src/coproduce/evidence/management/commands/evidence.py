"""`coproduce evidence compare FILE --periods A B [--format json|table]`: compare two periods
in a spreadsheet, with the same arithmetic and checks as the evidence pages."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from coproduce.core.imports import RowError
from coproduce.evidence import figures
from coproduce.evidence.indicators.services import check_row, figures_table, is_total
from coproduce.evidence.queries import compare_figures

DEFAULT_THRESHOLD = Decimal(10)


def figures_from_file(
    data: bytes, labels: tuple[str, str]
) -> tuple[dict[str, dict[str, figures.PeriodFigures]], list[RowError]]:
    """Each breakdown's figures for the two periods named, or the problems found."""
    table = figures_table(data)
    if isinstance(table, RowError):
        return {}, [table]
    wanted = {label.lower(): label for label in labels}
    found: dict[str, dict[str, figures.PeriodFigures]] = {}
    errors: list[RowError] = []
    for row in table.rows:
        number = row.number
        label = wanted.get(row.get("period").lower())
        if label is None:
            continue
        (category, value, share), problems = check_row(
            number, row.get("category"), row.get("value"), row.get("share")
        )
        if problems:
            errors.extend(problems)
            continue
        breakdown = " ".join(row.get("breakdown").split())
        period = found.setdefault(breakdown, {}).setdefault(
            label, figures.PeriodFigures(label=label, parts={})
        )
        if is_total(category):
            period.stated_total = value
        elif category in period.parts:
            errors.append(RowError(number, "category", f"{category} appears twice in {label}."))
        else:
            period.parts[category] = value
            if share is not None:
                period.stated_shares[category] = share
    return found, errors


def _json(value: Any) -> Any:
    return None if value is None else str(value)


class Command(BaseCommand):
    help = "Compare two periods' figures in a CSV or XLSX file."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        compare = sub.add_parser("compare", help="compare two periods in a file")
        compare.add_argument("file", type=Path)
        compare.add_argument("--periods", nargs=2, required=True, metavar=("A", "B"))
        compare.add_argument("--format", choices=["json", "table"], default="table")
        compare.add_argument(
            "--not-recorded-limit",
            type=Decimal,
            default=DEFAULT_THRESHOLD,
            help="flag a 'not recorded' share above this percentage (default 10)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        first, second = options["periods"]
        found, errors = figures_from_file(path.read_bytes(), (first, second))
        if errors:
            lines = [f"row {e.row}, {e.field}: {e.message}" for e in errors[:50]]
            raise CommandError("The file has problems:\n" + "\n".join(lines))
        results = []
        for breakdown, periods in found.items():
            a = periods.get(first) or figures.PeriodFigures(label=first, parts={})
            b = periods.get(second) or figures.PeriodFigures(label=second, parts={})
            results.append(
                compare_figures(a, b, dimension=breakdown, threshold=options["not_recorded_limit"])
            )
        if not results:
            raise CommandError(f"No rows for the periods {first!r} or {second!r}.")
        if options["format"] == "json":
            self.stdout.write(json.dumps([self._as_json(r) for r in results], indent=2))
        else:
            for result in results:
                self._write_table(result)
            self.stdout.write(str(figures.ROUNDING_RULE))

    def _as_json(self, result: Any) -> dict[str, Any]:
        c = result.comparison
        return {
            "breakdown": c.dimension,
            "periods": [c.label_a, c.label_b],
            "rows": [
                {
                    "category": r.category,
                    "first": _json(r.a),
                    "second": _json(r.b),
                    "first_share": _json(r.share_a),
                    "second_share": _json(r.share_b),
                    "change_points": _json(r.change),
                    "fold_change": _json(r.fold),
                }
                for r in c.rows
            ],
            "totals": [str(c.total_a), str(c.total_b)],
            "fold_change": _json(c.total_fold),
            "flags": [{"kind": f.kind, "message": f.message} for f in result.flags],
        }

    def _write_table(self, result: Any) -> None:
        rows = [
            [str(cell if cell is not None else "-") for cell in row]
            for row in figures.comparison_rows(result.comparison)
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        for n, row in enumerate(rows):
            cells = [row[0].ljust(widths[0])] + [
                c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
            ]
            self.stdout.write("  ".join(cells).rstrip())
            if n == 0:
                self.stdout.write("  ".join("-" * w for w in widths))
        for flag in result.flags:
            self.stdout.write(f"! {flag.message}")
        self.stdout.write("")
