"""Background work for people: importing a large spreadsheet."""

from __future__ import annotations

from django_tasks import task

from coproduce.people import import_services


@task()
def run_import(batch_id: int) -> int:
    """Import a checked spreadsheet of people (does nothing if it is not waiting)."""
    return import_services.import_in_background(batch_id).pk
