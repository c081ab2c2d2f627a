"""gunicorn's settings for `coproduce serve` (and so for the shipped systemd unit and
container).

- The application is loaded once in the master (`preload_app`), so a new worker starts
  with everything imported instead of taking a request's time (and under load, many
  seconds) to load Django; forked workers share those pages of memory.
- Each worker then warms itself before taking traffic: it answers /readyz (opening its
  database connection and loading the migration graph), the home page (templates) and
  the API guide (the OpenAPI schema) internally.
- What the master loaded, and what each worker made while warming, lives as long as the
  worker: it is moved out of the garbage collector's sight (`gc.freeze`). A worker's
  full collections then skip it (on national data, a full collection in the middle of a
  request took 120 ms, and 45 ms with it frozen), and the pages of memory the workers
  share stay shared (Python's documentation of `gc.freeze` suggests this for servers
  that fork).
- Request counts for /metrics are kept per worker in PROMETHEUS_MULTIPROC_DIR, emptied
  when the server starts and tidied as workers exit."""

from __future__ import annotations

import gc
import io
import os
import shutil
from pathlib import Path
from typing import Any

preload_app = True
WARM_PATHS = ("/readyz", "/", "/api/v1/docs")


def on_starting(server: Any) -> None:
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        Path(folder).mkdir(parents=True)


def pre_fork(server: Any, worker: Any) -> None:
    gc.freeze()


def post_fork(server: Any, worker: Any) -> None:
    # The master loaded the app; no database connection it may have opened is shared.
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        connection.close()


def post_worker_init(worker: Any) -> None:
    warm(worker.wsgi)
    gc.collect()  # the warming requests' own garbage goes first, so none is frozen
    gc.freeze()


def warm(application: Any) -> list[str]:
    """Ask the application for a few pages inside this process; returns their statuses."""
    from django.conf import settings

    host = next((h for h in settings.ALLOWED_HOSTS if h and "*" not in h), "localhost")
    statuses = []
    for path in WARM_PATHS:
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": host.lstrip("."),
            "SERVER_PORT": "443" if settings.HTTPS else "80",
            "HTTP_HOST": host.lstrip("."),
            "HTTP_X_FORWARDED_PROTO": "https" if settings.HTTPS else "http",
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.url_scheme": "https" if settings.HTTPS else "http",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": io.StringIO(),
        }
        answer = application(
            environ, lambda status, headers, exc_info=None: statuses.append(status)
        )
        for _chunk in answer:
            pass
        if hasattr(answer, "close"):
            answer.close()
    return statuses


def child_exit(server: Any, worker: Any) -> None:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
