"""Checking uploaded files by what they are, not what they are called."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PDF = {b"%PDF-": "application/pdf"}
IMAGES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


def sniff(
    upload: Any, *, field: str, allowed: dict[bytes, str], max_bytes: int, wanted: str
) -> str:
    """The upload's real content type, from its first bytes; a ValidationError naming
    `field` if it is too big or not one of `allowed` (`wanted` says what is)."""
    if upload.size is None or upload.size > max_bytes:
        raise ValidationError(
            {
                field: _("The file must be smaller than %(mb)s MB.")
                % {"mb": max_bytes // (1024 * 1024)}
            }
        )
    head = upload.read(16)
    upload.seek(0)
    for signature, content_type in allowed.items():
        if head.startswith(signature):
            return content_type
    raise ValidationError({field: _("The file must be %(wanted)s.") % {"wanted": wanted}})
