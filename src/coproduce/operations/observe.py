"""What a council's IT team watches (docs/deploy.md, decision 0019): a request id on
every request and every log line, one JSON log line per request, and the figures
/metrics gives Prometheus. Counters are kept per gunicorn worker and added up at
scrape time when PROMETHEUS_MULTIPROC_DIR is set (`coproduce serve` sets it)."""

from __future__ import annotations

import logging
import os
import re
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from prometheus_client import Counter, Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from coproduce.operations.backup import newest_backup_age
from coproduce.operations.logs import request_id
from coproduce.web.accesslog import redact

# An id a proxy sends (nginx's $request_id) is kept when it looks like one.
GOOD_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
log = logging.getLogger("coproduce.requests")

# Any process that loads the URLs makes its counters, so the folder must exist first
# (gunicorn_conf empties it when the server starts).
if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    Path(os.environ["PROMETHEUS_MULTIPROC_DIR"]).mkdir(parents=True, exist_ok=True)

REQUESTS = Counter(
    "coproduce_requests", "Requests answered, by method and status class", ["method", "status"]
)
LATENCY = Histogram(
    "coproduce_request_seconds",
    "Time to answer a request, in seconds",
    buckets=(0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)


class RequestIdMiddleware:
    """First in the chain: gives the request its id (the proxy's, or a new one), says it
    back in X-Request-ID, counts and times the request and logs one line about it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get("X-Request-ID", "")
        # Set for the rest of this request, Django's own "Not Found" line included (it is
        # written after the middleware returns); the next request sets its own.
        request_id.set(given if GOOD_ID.match(given) else uuid.uuid4().hex)
        started = time.perf_counter()
        response = self.get_response(request)
        took = time.perf_counter() - started
        response["X-Request-ID"] = request_id.get()
        REQUESTS.labels(request.method or "", f"{response.status_code // 100}xx").inc()
        LATENCY.observe(took)
        log.info(
            "request",
            extra={
                "method": request.method,
                # Survey and invitation links carry secrets; the log gets "…".
                "path": redact(request.path),
                "status": response.status_code,
                "ms": round(took * 1000, 1),
            },
        )
        return response


class ServiceCollector(Collector):
    """Figures read from the database when Prometheus asks: the task queue, the message
    outbox and the age of the newest backup."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        from django_tasks_db.models import DBTaskResult

        from coproduce.messaging.models import Message, Status

        waiting = DBTaskResult.objects.filter(status="READY").count()
        yield GaugeMetricFamily(
            "coproduce_tasks_waiting", "Background tasks waiting for a worker", value=waiting
        )
        counts = GaugeMetricFamily(
            "coproduce_messages", "Messages in the outbox, by status", labels=["status"]
        )
        for status in (Status.QUEUED, Status.FAILED):
            counts.add_metric([status], Message.objects.filter(status=status).count())
        yield counts
        late = Message.objects.due()
        yield GaugeMetricFamily(
            "coproduce_messages_due", "Queued messages whose time to send has come", late.count()
        )
        age = newest_backup_age(Path(settings.COPRODUCE_BACKUP_DIR))
        yield GaugeMetricFamily(
            "coproduce_backup_age_seconds",
            "Seconds since the newest backup in COPRODUCE_BACKUP_DIR (-1: none there)",
            value=-1 if age is None else age,
        )
