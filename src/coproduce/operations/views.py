"""What load balancers, orchestrators and Prometheus ask of a running server
(docs/deploy.md): is the process alive, is it ready for traffic, and its figures."""

from __future__ import annotations

import hmac
import os

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET
from prometheus_client import REGISTRY, CollectorRegistry, generate_latest, multiprocess
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from coproduce.operations.observe import ServiceCollector


@require_GET
def livez(request: HttpRequest) -> JsonResponse:
    """The process answers. Nothing else is asked, so a slow database never gets a
    healthy server restarted."""
    return JsonResponse({"status": "ok"})


@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    """Ready for traffic: the database answers and every migration is applied (a new
    release waits here until `coproduce upgrade` has run)."""
    try:
        connection = connections[DEFAULT_DB_ALIAS]
        executor = MigrationExecutor(connection)
        waiting = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception:  # Any database failure means "not ready"; the detail is in the logs.
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    if waiting:
        return JsonResponse(
            {"status": "error", "database": "ok", "migrations_waiting": len(waiting)}, status=503
        )
    return JsonResponse({"status": "ok", "database": "ok", "migrations_waiting": 0})


@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    """Prometheus's figures, for whoever sends COPRODUCE_METRICS_TOKEN; nobody else
    learns the page exists."""
    token = settings.COPRODUCE_METRICS_TOKEN
    given = request.headers.get("Authorization", "").removeprefix("Bearer ")
    if not token or not hmac.compare_digest(given.encode(), token.encode()):
        raise Http404
    # Every worker's request counts, added up (or this process's alone, without gunicorn).
    requests = REGISTRY
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        requests = CollectorRegistry()
        multiprocess.MultiProcessCollector(requests)
    service = CollectorRegistry()
    service.register(ServiceCollector())
    return HttpResponse(
        generate_latest(requests) + generate_latest(service), content_type=CONTENT_TYPE_LATEST
    )
