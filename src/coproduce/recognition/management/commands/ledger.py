"""`coproduce ledger check`: verify every invariant of the ledger."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from coproduce.recognition.queries import books_check


class Command(BaseCommand):
    help = "Check the ledger: every transaction balances, balances agree, nothing is orphaned."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["check"])

    def handle(self, *args: Any, **options: Any) -> None:
        checks, findings = books_check()
        failed = {finding.check for finding in findings}
        for name in checks:
            mark = "FAIL" if name in failed else "ok  "
            self.stdout.write(f"{mark}  {name}")
        if findings:
            for finding in findings[:200]:
                self.stderr.write(f"  {finding.check}: {finding.detail}")
            if len(findings) > 200:
                self.stderr.write(f"  ... and {len(findings) - 200} more")
            raise CommandError(f"The ledger check found {len(findings)} problem(s).")
        self.stdout.write(self.style.SUCCESS(f"All {len(checks)} ledger checks passed."))
