"""Background work for people's data protection rights."""

from __future__ import annotations

from django_tasks import task

from coproduce.privacy import services


@task()
def build_export(export_id: int) -> int:
    """Prepare a subject access export's files (safe to run more than once)."""
    return services.export_build(export_id).pk
