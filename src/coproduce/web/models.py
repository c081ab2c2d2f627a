"""PDFs made in the background (pdf.py): one row per page's content."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class PdfStatus(models.TextChoices):
    WAITING = "waiting", "Waiting"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class MadePdf(models.Model):
    """A PDF of one page's exact content. `key` is a hash of the HTML it is made from,
    so the same content is made once and a change to the data makes a new one. The
    HTML is kept only until the PDF is made. The file is only ever served by the view
    that rendered the same HTML, after that view's own permission check."""

    key = models.CharField(max_length=64, unique=True)
    html = models.TextField(blank=True)
    base_url = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=PdfStatus.choices, default=PdfStatus.WAITING)
    asked_at = models.DateTimeField(default=timezone.now)
    made_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return f"PDF {self.key[:12]} ({self.status})"
