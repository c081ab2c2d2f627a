"""The one way Coproduce makes a PDF: a template rendered to HTML, then WeasyPrint.

PDFs are tagged (WeasyPrint's `pdf_tags`), so a screen reader can follow headings,
tables and reading order, and carry the page's language."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


def render_pdf(
    template: str, context: dict[str, Any], *, request: HttpRequest | None = None
) -> bytes:
    """The template as a tagged PDF; links and images resolve against the site's address."""
    from weasyprint import HTML  # loads Pango: only PDFs need it

    html = render_to_string(template, context, request=request)
    base_url = request.build_absolute_uri("/") if request is not None else None
    return HTML(string=html, base_url=base_url).write_pdf(pdf_tags=True)


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    """A PDF to download, under the name given."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
