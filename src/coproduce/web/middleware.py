"""Answers for pages that cannot be made right now."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coproduce.web.pdf import PdfBusyError

RETRY_SECONDS = 30


class PdfBusyMiddleware:
    """Every PDF slot is in use: say so kindly, with 503 and Retry-After, instead of
    keeping a worker waiting."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, PdfBusyError):
            return None
        response = render(request, "web/pdf_busy.html", status=503)
        response["Retry-After"] = str(RETRY_SECONDS)
        return response
