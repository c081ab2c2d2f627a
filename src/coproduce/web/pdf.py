"""The one way Coproduce makes a PDF: a template rendered to HTML, then WeasyPrint.

PDFs are PDF/UA-1 (WeasyPrint's `pdf_variant`): tagged, so a screen reader can follow
headings, tables and reading order, with the page's title and language. Stylesheets and images come
from disk: WeasyPrint fetching them over HTTP from this same site needed a second free
worker for every PDF, and six PDFs at once stalled the whole site. Nothing else is
fetched, so a PDF can never be made to reach into the network.

A big PDF takes seconds, so pages never make one themselves (issue 23): `pdf_later`
renders the page's HTML, and if a PDF of exactly that HTML exists it is sent; if not,
the background worker is asked to make it and the person sees "Your PDF is being made",
which shows the download as soon as it is ready. The same content is made once; changed
data makes new HTML and so a new PDF. Only COPRODUCE_PDF_AT_ONCE PDFs are made at once
(a lock file per slot) by whatever makes them; beyond that they wait their turn."""

from __future__ import annotations

import datetime
import fcntl
import hashlib
import mimetypes
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone

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


def _weasyprint(html: str, base_url: str | None, wait: float) -> bytes:
    from weasyprint import HTML  # loads Pango: only PDFs need it

    with pdf_slot(wait):
        # PDF/UA-1: tagged for screen readers, with its title shown and its language set.
        return HTML(string=html, base_url=base_url, url_fetcher=static_fetcher()).write_pdf(
            pdf_variant="pdf/ua-1"
        )


def render_pdf(
    template: str,
    context: dict[str, Any],
    *,
    request: HttpRequest | None = None,
    wait: float = WAIT_SECONDS,
) -> bytes:
    """The template as a tagged PDF, made here and now: for background work only (a
    page uses `pdf_later`). Links and images resolve against the site's address."""
    html = render_to_string(template, context, request=request)
    base_url = request.build_absolute_uri("/") if request is not None else None
    return _weasyprint(html, base_url, wait)


# Background PDFs wait this long for a slot: the worker has nobody waiting on it.
WORKER_WAIT_SECONDS = 600.0


def pdf_file(key: str) -> Path:
    return Path(settings.PRIVATE_ROOT) / "pdfs" / f"{key}.pdf"


def pdf_later(
    request: HttpRequest, template: str, context: dict[str, Any], filename: str
) -> HttpResponse:
    """The PDF of this page if it is made; otherwise ask the worker for it and say so.
    The caller has checked the person may see the page: the PDF is found by a hash of
    the HTML they were allowed to see, so nobody else's PDF can come back."""
    from coproduce.web.models import MadePdf, PdfStatus
    from coproduce.web.tasks import make_pdf

    query = request.GET.copy()
    checking = query.pop("check", [""])[0]
    query.pop("again", None)
    url = request.path + (f"?{query.urlencode()}" if query else "")
    if KEY.fullmatch(checking):
        # The waiting page asks every few seconds how its PDF is going: by its key, so
        # the page is not rendered again each time.
        made = MadePdf.objects.filter(key=checking).first()
        return _progress(request, url, made, "web/includes/pdf_progress.html", 200)
    html = render_to_string(template, context, request=request)
    base_url = request.build_absolute_uri("/")
    key = hashlib.sha256(f"{base_url}\n{html}".encode()).hexdigest()
    made, created = MadePdf.objects.get_or_create(
        key=key, defaults={"html": html, "base_url": base_url}
    )
    if made.status == PdfStatus.READY and pdf_file(key).is_file():
        return pdf_response(pdf_file(key).read_bytes(), filename)
    again = made.status == PdfStatus.FAILED and "again" in request.GET
    # New, tried again after failing, or made once but its file has gone since.
    if created or again or made.status == PdfStatus.READY:
        MadePdf.objects.filter(pk=made.pk).update(
            status=PdfStatus.WAITING, html=html, base_url=base_url, error=""
        )
        made.status = PdfStatus.WAITING
        transaction.on_commit(lambda: make_pdf.enqueue(key))
    return _progress(request, url, made, "web/pdf_waiting.html", 202)


# A made PDF's key: the SHA-256 of its HTML, in hex.
KEY = re.compile(r"[0-9a-f]{64}")


def _progress(
    request: HttpRequest, url: str, made: Any, template: str, status: int
) -> HttpResponse:
    """The waiting page, or the part of it that says how the PDF is going."""
    from coproduce.web.models import PdfStatus

    ready = made is not None and made.status == PdfStatus.READY and pdf_file(made.key).is_file()
    answer = render(
        request,
        template,
        {
            "url": url,
            "key": made.key if made is not None else "",
            "ready": ready,
            "failed": made is not None and made.status == PdfStatus.FAILED,
        },
        status=status,
    )
    answer["Cache-Control"] = "no-store"
    return answer


def pdf_make(key: str) -> str:
    """Make the PDF asked for under `key` and keep it; the HTML is then let go."""
    from coproduce.web.models import MadePdf, PdfStatus

    made = MadePdf.objects.filter(key=key).first()
    if made is None or (made.status == PdfStatus.READY and pdf_file(key).is_file()):
        return key
    try:
        pdf = _weasyprint(made.html, made.base_url or None, WORKER_WAIT_SECONDS)
    except Exception as error:  # Kept on the row; the person is offered "Try again".
        MadePdf.objects.filter(pk=made.pk).update(
            status=PdfStatus.FAILED, error=f"{type(error).__name__}: {error}"[:300]
        )
        raise
    target = pdf_file(key)
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = target.with_suffix(".partial")
    partial.write_bytes(pdf)
    partial.chmod(0o600)
    partial.rename(target)
    MadePdf.objects.filter(pk=made.pk).update(
        status=PdfStatus.READY, html="", made_at=timezone.now()
    )
    return key


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


# Made PDFs carry people's details; they are kept a day for downloading, then deleted.
KEEP_HOURS = 24


def pdfs_forget(now: Any = None) -> int:
    """Delete made PDFs (files and rows) asked for more than KEEP_HOURS ago; the nightly
    retention run calls it. Asking again makes a fresh one."""
    from coproduce.web.models import MadePdf

    cutoff = (now or timezone.now()) - datetime.timedelta(hours=KEEP_HOURS)
    old = list(MadePdf.objects.filter(asked_at__lt=cutoff).values_list("pk", "key"))
    for _pk, key in old:
        pdf_file(key).unlink(missing_ok=True)
    MadePdf.objects.filter(pk__in=[pk for pk, _key in old]).delete()
    return len(old)
