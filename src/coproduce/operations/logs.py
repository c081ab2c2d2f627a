"""The request id on every log line, kept apart from the metrics (observe.py) so that
configuring logging in any process (a command, the worker) creates no metric files."""

from __future__ import annotations

import contextvars
import logging

from coproduce.web.accesslog import redact

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


class RequestIdFilter(logging.Filter):
    """Puts the current request's id on every log record (for the JSON formatter), and
    takes secrets out of the addresses Django's own request log lines carry."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        if hasattr(record, "request"):
            record.request = redact(repr(record.request))
        return True
