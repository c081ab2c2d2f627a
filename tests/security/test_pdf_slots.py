"""9. PDFs cannot stall the site: only a few are made at once across every worker."""

import fcntl
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from coproduce.web.models import MadePdf
from coproduce.web.pdf import PdfBusyError, pdf_make, pdf_slot

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _own_slots(settings: Any, tmp_path: Path) -> None:
    """Slots of this test's own: PDFs made by tests running beside it in another process
    hold the shared ones (found when a run failed with BlockingIOError)."""
    settings.VAR_DIR = tmp_path


def _hold_every_slot() -> list[Any]:
    """What other workers making PDFs do: hold each slot's lock (flock locks of separate
    opens conflict even inside one process)."""
    folder = Path(settings.VAR_DIR) / "run" / "pdf-slots"
    folder.mkdir(parents=True, exist_ok=True)
    held = []
    for number in range(settings.COPRODUCE_PDF_AT_ONCE):
        handle = (folder / f"{number}.lock").open("a")
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        held.append(handle)
    return held


def test_a_pdf_asked_for_while_every_slot_is_busy_does_not_wait_for_one(
    cast: Any, client_for: Any
) -> None:
    """Issue 23: the page no longer makes the PDF, so it answers at once however busy
    the slots are; the worker waits its turn for a slot instead."""
    held = _hold_every_slot()
    try:
        asked = client_for(cast.coordinator).get("/orgs/acme/evidence-pack/?format=pdf")
        assert asked.status_code == 202
        assert "Your PDF is being made" in asked.content.decode()
    finally:
        for handle in held:
            handle.close()
    (key,) = MadePdf.objects.values_list("key", flat=True)
    pdf_make(key)
    made = client_for(cast.coordinator).get("/orgs/acme/evidence-pack/?format=pdf")
    assert made["Content-Type"] == "application/pdf"


def test_slots_are_shared_and_given_back(settings: Any) -> None:
    settings.COPRODUCE_PDF_AT_ONCE = 2
    with pdf_slot(), pdf_slot(), pytest.raises(PdfBusyError), pdf_slot(wait=0.2):
        pass
    with pdf_slot(wait=0):
        pass
