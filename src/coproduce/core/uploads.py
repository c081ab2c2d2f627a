"""Checking uploaded files by what they are, not what they are called."""

from __future__ import annotations

import io
import zipfile
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


# A Word file or spreadsheet is a zip archive. A small one can unpack to gigabytes (a
# 394 KB .docx took a worker from 90 MB to 1.3 GB); its listing says how big it will be
# before anything is unpacked, so bombs are refused from that.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_PACKING_RATIO = 200
MAX_MEMBERS = 10_000


def archive_problem(data: bytes) -> str | None:
    """Why a zip-based upload (.docx, .xlsx) is refused before it is opened, or None."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return _("This file could not be read.")
    unpacked = sum(member.file_size for member in members)
    packed = max(sum(member.compress_size for member in members), 1)
    if (
        len(members) > MAX_MEMBERS
        or unpacked > MAX_UNPACKED_BYTES
        or unpacked > MAX_PACKING_RATIO * max(packed, 1024)
    ):
        return _("This file unpacks to far more than it holds, so it was not opened.")
    return None


def without_metadata(upload: Any, content_type: str, *, field: str = "file") -> Any:
    """A photo re-saved from its pixels alone, turned the right way up: no EXIF, GPS
    position, camera or comments (a receipt photographed at home says where home is).
    Anything that is not a JPEG or PNG is returned as it came."""
    formats = {"image/jpeg": "JPEG", "image/png": "PNG"}
    if content_type not in formats:
        return upload
    from django.core.files.base import ContentFile
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(upload) as image:
            upright = ImageOps.exif_transpose(image)
            if formats[content_type] == "JPEG" and upright.mode not in ("RGB", "L"):
                upright = upright.convert("RGB")
            buffer = io.BytesIO()
            # Saved without exif= or pnginfo=: Pillow writes no metadata then.
            upright.save(buffer, formats[content_type], quality=90)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError({field: _("This image could not be read.")}) from error
    finally:
        upload.seek(0)
    return ContentFile(buffer.getvalue(), name=getattr(upload, "name", None) or "image")
