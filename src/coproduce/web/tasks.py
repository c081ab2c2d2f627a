"""Background work for pages: making PDFs, so no request waits on WeasyPrint."""

from __future__ import annotations

from django_tasks import task

from coproduce.web import pdf


@task()
def make_pdf(key: str) -> str:
    """Make the PDF asked for under `key` (safe to run more than once)."""
    return pdf.pdf_make(key)
