"""`coproduce retention [--dry-run] [--org SLUG]`: clear contact details the organisations'
retention rules say are due. Run it daily (docs/operations.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from coproduce.core.models import Organisation
from coproduce.people.import_services import UNFINISHED_KEEP_DAYS, imports_forget_unfinished
from coproduce.privacy import retention
from coproduce.web.pdf import KEEP_HOURS, pdfs_forget


class Command(BaseCommand):
    help = "Clear contact details that retention rules say are due (--dry-run to list them)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="list, change nothing")
        parser.add_argument("--org", help="one organisation's slug (default: all)")

    def handle(self, *args: Any, **options: Any) -> None:
        organisations = Organisation.objects.filter(
            retention_rule__contact_details_years__isnull=False
        )
        if options["org"]:
            organisations = organisations.filter(slug=options["org"])
        total = 0
        for organisation in organisations.order_by("slug"):
            if options["dry_run"]:
                found = retention.due(organisation)
                for entry in found:
                    self.stdout.write(
                        f"{organisation.slug}: person {entry.person.pk}, last active "
                        f"{entry.last_active:%Y-%m-%d}"
                    )
                count = len(found)
            else:
                count = retention.apply(organisation=organisation, by=None)
            total += count
        verb = "would clear" if options["dry_run"] else "cleared"
        self.stdout.write(f"Retention: {verb} contact details of {total} people.")
        if not options["dry_run"] and not options["org"]:
            forgotten = imports_forget_unfinished()
            self.stdout.write(
                f"Retention: forgot {forgotten} people imports left unfinished for "
                f"{UNFINISHED_KEEP_DAYS} days."
            )
            self.stdout.write(
                f"Retention: deleted {pdfs_forget()} PDFs made over {KEEP_HOURS} hours ago."
            )
