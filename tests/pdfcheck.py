"""What every PDF Coproduce makes must be (issue 19): PDF/UA-1, tagged for screen
readers, with a title shown and a language, and one font family throughout."""

import io

from pypdf import PdfReader


def font_families(reader: PdfReader) -> set[str]:
    found = set()
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            name = str(font.get_object()["/BaseFont"]).lstrip("/")
            name = name.split("+", 1)[-1]  # the subset prefix, ABCDEF+
            found.add(name.split("-", 1)[0])  # LiberationSans-Bold: the family
    return found


def assert_accessible_pdf(data: bytes, language: str = "en") -> PdfReader:
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    catalogue = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalogue, "not tagged"
    assert catalogue["/MarkInfo"]["/Marked"]
    assert str(catalogue["/Lang"]).lower().startswith(language), catalogue.get("/Lang")
    assert catalogue["/ViewerPreferences"]["/DisplayDocTitle"]
    assert b"pdfuaid" in catalogue["/Metadata"].get_object().get_data(), "not PDF/UA"
    assert reader.metadata.title
    families = font_families(reader)
    assert len(families) == 1, families
    return reader


def get_pdf(client, url, data=None):
    """Ask for a PDF as a person does (issue 23): the page says it is being made, the
    worker's own function makes it, and the same address then gives the PDF."""
    from coproduce.web.models import MadePdf, PdfStatus
    from coproduce.web.pdf import pdf_make

    waiting = client.get(url, data)
    assert waiting.status_code == 202, waiting.status_code
    assert 'id="pdf-progress"' in waiting.content.decode()  # "being made", in their language
    for key in MadePdf.objects.filter(status=PdfStatus.WAITING).values_list("key", flat=True):
        pdf_make(key)
    made = client.get(url, data)
    assert made["Content-Type"] == "application/pdf", made.status_code
    return made
