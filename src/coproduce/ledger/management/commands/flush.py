"""Django's flush, allowed past the ledger's guard: it empties the whole database."""

from typing import Any

from django.core.management.commands import flush

from coproduce.ledger.guard import maintenance


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        with maintenance(options["database"]):
            super().handle(**options)
