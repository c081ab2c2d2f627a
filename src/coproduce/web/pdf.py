"""The one way Coproduce makes a PDF: a template rendered to HTML, then WeasyPrint.

PDFs are PDF/UA-1 (WeasyPrint's `pdf_variant`): tagged, so a screen reader can follow
headings, tables and reading order, with the page's title and language. Stylesheets and images come
from disk: WeasyPrint fetching them over HTTP from this same site needed a second free
worker for every PDF, and six PDFs at once stalled the whole site. Nothing else is
fetched, so a PDF can never be made to reach into the network.

A big PDF keeps a worker busy for seconds. Only COPRODUCE_PDF_AT_ONCE of them are made at
once across every worker of the server (a lock file per slot), so other pages always
have a worker free; a PDF asked for beyond that waits briefly, then is answered 503 with
Retry-After, and the person is asked to try again in a minute."""

from __future__ import annotations

import fcntl
import mimetypes
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

WAIT_SECONDS = 2.0


class PdfBusyError(Exception):
    """Every slot for making PDFs is in use; the caller answers 503."""


def _slots_folder() -> Path:
    folder = Path(settings.VAR_DIR) / "run" / "pdf-slots"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


@contextmanager
def pdf_slot(wait: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold one of the server's PDF slots while a PDF is made, waiting up to `wait`
    seconds for one."""
    folder = _slots_folder()
    deadline = time.monotonic() + wait
    while True:
        for number in range(max(1, settings.COPRODUCE_PDF_AT_ONCE)):
            handle = (folder / f"{number}.lock").open("a")
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.close()
                continue
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
                handle.close()
            return
        if time.monotonic() >= deadline:
            raise PdfBusyError
        time.sleep(0.1)


def render_pdf(
    template: str,
    context: dict[str, Any],
    *,
    request: HttpRequest | None = None,
    wait: float = WAIT_SECONDS,
) -> bytes:
    """The template as a tagged PDF; links and images resolve against the site's address.
    Background work passes a long `wait`: nobody is kept waiting for its answer."""
    from weasyprint import HTML  # loads Pango: only PDFs need it

    html = render_to_string(template, context, request=request)
    base_url = request.build_absolute_uri("/") if request is not None else None
    with pdf_slot(wait):
        # PDF/UA-1: tagged for screen readers, with its title shown and its language set.
        return HTML(string=html, base_url=base_url, url_fetcher=static_fetcher()).write_pdf(
            pdf_variant="pdf/ua-1"
        )


def static_file(url: str) -> Path | None:
    """The file on disk behind one of our static addresses, or None."""
    path = urlsplit(url).path
    if not path.startswith(settings.STATIC_URL):
        return None
    relative = path.removeprefix(settings.STATIC_URL)
    if ".." in Path(relative).parts:
        return None
    found = finders.find(relative)
    if found:
        return Path(found if isinstance(found, str) else found[0])
    collected = Path(settings.STATIC_ROOT) / relative
    return collected if collected.is_file() else None


def static_fetcher() -> Any:
    """A WeasyPrint fetcher that reads our static files from disk and fetches nothing else
    (data: addresses, which carry their content, excepted)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            found = static_file(url)
            if found is None:
                raise ValueError(f"PDFs only use this site's own static files, not {url}")
            kind = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, found.read_bytes(), {"Content-Type": kind})

    return StaticFetcher()


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    """A PDF to download, under the name given."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
