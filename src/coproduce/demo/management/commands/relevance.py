"""`coproduce relevance`: how well each way of ranking the library search finds the
stories the relevance set expects (demo/relevance.py).

If this database's library lacks the demo stories, they are loaded for the
measurement and taken out again afterwards (everything happens in one transaction
that is rolled back), so it runs on any database, empty or not."""

import json
from dataclasses import asdict
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction

from coproduce.demo import relevance


class _RollBackError(Exception):
    pass


class Command(BaseCommand):
    help = "Measure the library search against the relevance set."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="print the figures as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        scores: list[relevance.Score] = []
        try:
            with transaction.atomic():
                _load_if_missing()
                scores = [relevance.measure(method) for method in relevance.METHODS]
                raise _RollBackError
        except _RollBackError:
            pass
        if options["json"]:
            self.stdout.write(json.dumps([asdict(score) for score in scores], indent=2))
            return
        self.stdout.write(
            f"{len(relevance.QUERIES)} queries on {connection.vendor}\n\n"
            "| ranking | hits in the first three | NDCG@5 |\n|---|---:|---:|"
        )
        for score in scores:
            self.stdout.write(f"| {score.method} | {score.hits_at_3:.0%} | {score.ndcg_at_5:.3f} |")
        for score in scores:
            if score.missed:
                self.stdout.write(f"\nMissed by {score.method}: " + "; ".join(score.missed))


def _load_if_missing() -> None:
    from coproduce.core.models import User
    from coproduce.demo.library import load_demo_library
    from coproduce.library.queries import published

    titles = set(published().values_list("title", flat=True))
    if set(relevance.STORIES.values()) <= titles:
        return
    editor = User.objects.create_user(
        email="relevance-measure@example.invalid", password=None, is_staff=True
    )
    load_demo_library(by=editor)
