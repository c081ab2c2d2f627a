"""When something fails on our side, people get a plain page (or problem+json for the
API), never a stack trace; when it is the database that is busy or gone, the status is
503 with a time to try again, so load balancers and people both know to come back."""

from __future__ import annotations

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

logger = logging.getLogger("coproduce.errors")
RETRY_AFTER_SECONDS = 30


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's handler for uncaught errors, in views and in middleware alike."""
    error = sys.exc_info()[1]
    unavailable = isinstance(error, OperationalError | InterfaceError)
    status = 503 if unavailable else 500
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse(
            {
                "type": "about:blank",
                "title": "Service unavailable" if unavailable else "Server error",
                "status": status,
                "detail": "The database cannot be reached just now. Try again shortly."
                if unavailable
                else "Something went wrong on our side. Nothing you saved has been lost.",
                "errors": [],
            },
            status=status,
            content_type="application/problem+json",
        )
    else:
        # Rendered without the request: the navigation would ask the database again.
        response = HttpResponse(render_to_string(f"{status}.html"), status=status)
    if unavailable:
        logger.error("Database unavailable for %s: %s", request.path, error)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
