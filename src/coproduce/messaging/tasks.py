"""The background worker's part: send what is due, and come back for retries."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from coproduce.messaging import delivery
from coproduce.messaging.models import Message, Status

TASK_PATH = "coproduce.messaging.tasks.send_messages"


@task()
def send_messages() -> dict[str, int]:
    """Send every message that is due; if some wait for a retry, come back for them."""
    counts = delivery.send_due()
    later = (
        Message.objects.filter(status=Status.QUEUED)
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    if later is not None:
        wake(at=max(later, timezone.now()))
    return counts


def wake(at: datetime.datetime | None = None) -> None:
    """Ask the worker to send (at a time, for retries), unless it is already asked to
    by then."""
    waiting = DBTaskResult.objects.filter(task_path=TASK_PATH, status=TaskResultStatus.READY)
    if at is None:
        if waiting.filter(Q(run_after__lte=timezone.now()) | Q(run_after=get_date_max())).exists():
            return
        send_messages.enqueue()
    elif not waiting.filter(Q(run_after__lte=at) | Q(run_after=get_date_max())).exists():
        send_messages.using(run_after=at).enqueue()


def wake_on_commit() -> None:
    """After the change that queued messages is saved, wake the worker (once)."""
    transaction.on_commit(wake, robust=True)
