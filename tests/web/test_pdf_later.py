"""Nothing waits on a PDF (issue 23): no page makes one; the worker does, and the page
shows how it is going, then gives the PDF of exactly what the person was allowed to
see. The same content is made once; changed data makes a new one."""

import ast
import io
from pathlib import Path
from typing import Any

import pytest

import coproduce.web.pdf as pdf_module
from coproduce.web.models import MadePdf, PdfStatus
from coproduce.web.pdf import pdf_file, pdf_make, pdf_slot
from tests.pdfcheck import assert_accessible_pdf

SRC = Path(__file__).resolve().parents[2] / "src/coproduce"
PACK = "/orgs/acme/evidence-pack/?format=pdf"


def test_no_view_or_api_operation_can_make_a_pdf() -> None:
    makers = {"render_pdf", "_weasyprint", "HTML", "weasyprint"}
    found = []
    for source in SRC.rglob("*.py"):
        if not (source.name.endswith("views.py") or source.name in ("api.py", "urls.py")):
            continue
        for node in ast.walk(ast.parse(source.read_text())):
            if isinstance(node, ast.ImportFrom):
                names = {alias.name for alias in node.names} | {node.module or ""}
            elif isinstance(node, ast.Import):
                names = {alias.name for alias in node.names}
            else:
                continue
            if names & makers:
                found.append(f"{source.relative_to(SRC)}:{node.lineno}")
    assert found == []
    # The pages that offer PDFs all go through pdf_later.
    users = {
        str(source.relative_to(SRC))
        for source in SRC.rglob("*views.py")
        if "pdf_later" in source.read_text()
    }
    assert users == {
        "recognition/statement_views.py",
        "reports/annual_views.py",
        "reports/involvement_views.py",
        "reports/views.py",
    }


@pytest.mark.django_db(transaction=True)
def test_the_worker_makes_the_pdf_and_the_page_then_gives_it(
    cast: Any, client_for: Any, run_tasks: Any, settings: Any, tmp_path: Path
) -> None:
    settings.PRIVATE_ROOT = tmp_path
    coordinator = client_for(cast.coordinator)
    asked = coordinator.get(PACK)
    assert asked.status_code == 202
    assert asked["Cache-Control"] == "no-store"
    page = asked.content.decode()
    assert "Your PDF is being made" in page
    made = MadePdf.objects.get()
    # The page asks how it is going by the PDF's key, without rendering the pack again.
    assert f'hx-get="/orgs/acme/evidence-pack/?format=pdf&amp;check={made.key}"' in page
    assert made.status == PdfStatus.WAITING
    assert not pdf_file(made.key).exists()  # the request made nothing
    # Asking again while it waits queues nothing more.
    assert coordinator.get(PACK).status_code == 202
    assert MadePdf.objects.count() == 1

    run_tasks()
    made.refresh_from_db()
    assert (made.status, made.html) == (PdfStatus.READY, "")
    progress = coordinator.get(f"{PACK}&check={made.key}").content.decode()
    assert "Your PDF is ready." in progress
    assert 'href="/orgs/acme/evidence-pack/?format=pdf"' in progress
    # A key that is not a PDF's is simply not ready; anything else is not a key at all.
    unknown = coordinator.get(f"{PACK}&check={'0' * 64}").content.decode()
    assert "Still working on it" in unknown
    assert coordinator.get(PACK + "&check=<script>")["Content-Type"] == "application/pdf"
    pdf = coordinator.get(PACK)
    assert pdf["Content-Type"] == "application/pdf"
    assert_accessible_pdf(pdf.content)


@pytest.mark.django_db
def test_changed_data_makes_a_new_pdf_and_a_failure_can_be_tried_again(
    cast: Any, client_for: Any, monkeypatch: Any, settings: Any, tmp_path: Path
) -> None:
    settings.VAR_DIR = tmp_path  # slots of this test's own
    settings.PRIVATE_ROOT = tmp_path / "private"
    coordinator = client_for(cast.coordinator)
    coordinator.get(PACK)
    # Every slot taken for longer than the worker waits: making it fails, and says so.
    monkeypatch.setattr(pdf_module, "WORKER_WAIT_SECONDS", 0.2)
    key = MadePdf.objects.get().key
    with pdf_slot(), pdf_slot(), pytest.raises(pdf_module.PdfBusyError):
        pdf_make(key)
    failed = coordinator.get(PACK).content.decode()
    assert "We could not make your PDF" in failed
    assert "again=1" in failed
    assert coordinator.get(PACK + "&again=1").status_code == 202
    assert MadePdf.objects.get().status == PdfStatus.WAITING
    pdf_make(key)
    assert coordinator.get(PACK)["Content-Type"] == "application/pdf"

    cast.org.name = "Acme Community Network (renamed)"
    cast.org.save()
    assert coordinator.get(PACK).status_code == 202  # new content: a new PDF
    assert MadePdf.objects.count() == 2


@pytest.mark.django_db
def test_made_pdfs_are_deleted_after_a_day_by_the_nightly_run(
    cast: Any, client_for: Any, settings: Any, tmp_path: Path
) -> None:
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    settings.PRIVATE_ROOT = tmp_path
    client_for(cast.coordinator).get(PACK)
    made = MadePdf.objects.get()
    pdf_make(made.key)
    assert pdf_file(made.key).is_file()
    call_command("retention", stdout=io.StringIO())
    assert MadePdf.objects.count() == 1  # less than a day old
    MadePdf.objects.update(asked_at=timezone.now() - datetime.timedelta(hours=25))
    out = io.StringIO()
    call_command("retention", stdout=out)
    assert "deleted 1 PDFs" in out.getvalue()
    assert not MadePdf.objects.exists()
    assert not pdf_file(made.key).exists()
