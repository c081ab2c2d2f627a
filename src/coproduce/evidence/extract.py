"""Text out of uploaded transcripts and notes: plain text, Word (.docx) or PDF.

Files are recognised by their first bytes, never their names. Word files are read with
python-docx and PDFs with pypdf (docs/decisions/0006-evidence.md says why); a PDF that is
only scanned images has no text to find, and people are told so.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from coproduce.core.uploads import archive_problem

MAX_BYTES = 5 * 1024 * 1024
MAX_CHARS = 500_000
_SPEAKER = re.compile(r"^\s*([A-Z][\w .'-]{0,40}):\s+(.+)$", re.DOTALL)
# The speaker's label a passage starts with ("Fatima: "), which is a name, not their words.
SPEAKER_LABEL = re.compile(r"^[^:\n]{1,40}:\s")


def _docx_text(data: bytes) -> str:
    import docx

    problem = archive_problem(data)
    if problem:
        raise ValidationError({"file": problem})
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ValidationError({"file": _("This Word file could not be read.")}) from error
    return "\n\n".join(p.text for p in document.paragraphs)


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages[:200]]
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise ValidationError({"file": _("This PDF could not be read.")}) from error
    return "\n\n".join(pages)


def text_of(upload: Any) -> str:
    """The text in an uploaded file, or a ValidationError naming `file`."""
    if upload.size is None or upload.size > MAX_BYTES:
        raise ValidationError({"file": _("The file must be smaller than 5 MB.")})
    data = upload.read()
    if data.startswith(b"%PDF-"):
        text = _pdf_text(data)
    elif data.startswith(b"PK\x03\x04"):
        text = _docx_text(data)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValidationError(
                {"file": _("Upload a Word file, a PDF or plain text saved as UTF-8.")}
            ) from error
        if "\x00" in text:
            raise ValidationError({"file": _("Upload a Word file, a PDF or plain text.")})
    text = clean(text)
    if not text.strip():
        raise ValidationError(
            {"file": _("There is no text in this file. A scanned PDF needs typing up first.")}
        )
    return text


def clean(text: str) -> str:
    """Ordinary line endings, no control characters, within the size we keep."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text if ch in "\n\t" or ch >= " ")
    return text[:MAX_CHARS]


def passages(text: str) -> list[tuple[str, str]]:
    """Split text into passages at blank lines; a passage that starts "Name: ..." keeps
    the name apart as the speaker's label."""
    found = []
    for block in re.split(r"\n\s*\n", text):
        block = " ".join(block.split())
        if not block:
            continue
        match = _SPEAKER.match(block)
        found.append((match.group(1), match.group(2)) if match else ("", block))
    return found
