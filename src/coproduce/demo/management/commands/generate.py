"""`coproduce generate --scale {small,town,national,uk} [--seed N] [--json]`."""

from __future__ import annotations

import json
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from coproduce.demo.generate import SCALES, generate
from coproduce.demo.progress import progress


class Command(BaseCommand):
    help = "Fill an empty database with synthetic data for benchmarks and backup drills."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=sorted(SCALES), default="small")
        parser.add_argument("--seed", type=int, default=1, help="same seed, same data")
        parser.add_argument("--json", action="store_true", help="print the report as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", verbosity=0, interactive=False)
        try:
            report = generate(options["scale"], options["seed"], progress)
        except ValueError as error:
            raise CommandError(str(error)) from error
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "scale": report.scale,
                        "seed": report.seed,
                        "database": connection.vendor,
                        "seconds": round(report.seconds, 1),
                        "rows": report.rows,
                        "rows_per_second": report.rows_per_second,
                        "peak_memory_mb": round(report.peak_memory_mb),
                    },
                    indent=2,
                )
            )
            return
        self.stdout.write(
            f"Generated the {report.scale} dataset (seed {report.seed}) on {connection.vendor}: "
            f"{report.total:,} rows in {report.seconds:.0f} s, {report.rows_per_second:,} rows a second, "
            f"peak memory {report.peak_memory_mb:,.0f} MB."
        )
        for label, count in sorted(report.rows.items(), key=lambda kv: -kv[1]):
            self.stdout.write(f"  {label:<36} {count:>10,}")
