"""A copy of everything held about someone, made in the background with progress, as
JSON and a readable PDF, handed out only to those who may see it."""

import json
import os

import pytest

from coproduce.privacy.models import ExportStatus, SubjectAccessExport
from coproduce.privacy.services import export_build, export_request
from tests.pdfcheck import assert_accessible_pdf

pytestmark = pytest.mark.django_db


def _base(cast):
    return f"/orgs/acme/people/{cast.coproducer.pk}/data/exports/"


# The worker closes its database connection when done, as a real one does: these tests
# commit for real.
@pytest.mark.django_db(transaction=True)
def test_a_copy_is_made_by_the_worker_and_shows_its_progress(cast, client_for, run_tasks):
    client = client_for(cast.coordinator)
    response = client.post(_base(cast))
    export = SubjectAccessExport.objects.get()
    assert response.status_code == 302
    assert response.url == f"{_base(cast)}{export.pk}/"
    waiting = client.get(response.url).content.decode()
    assert "Waiting to start: 0%" in waiting
    assert 'hx-trigger="every 2s"' in waiting  # the page asks again until it is ready

    run_tasks()

    export.refresh_from_db()
    assert (export.status, export.progress, export.attempts) == (ExportStatus.READY, 100, 1)
    partial = client.get(response.url, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial
    assert "The copy is ready" in partial
    assert "every 2s" not in partial  # and stops asking
    pdf = client.get(f"{response.url}your-data.pdf")
    assert pdf["Content-Disposition"].startswith("attachment")
    assert_accessible_pdf(b"".join(pdf.streaming_content))
    data = json.loads(b"".join(client.get(f"{response.url}your-data.json").streaming_content))
    assert data["person"]["preferred_name"] == cast.coproducer.preferred_name
    assert client.get(f"{response.url}your-data.exe").status_code == 404


def test_only_those_who_may_see_the_data_get_the_copy(cast, client_for):
    export = export_build(export_request(person=cast.coproducer, by=cast.admin).pk)
    address = f"{_base(cast)}{export.pk}/"
    for role, status in [("member", 403), ("commissioner", 403), ("outsider", 404)]:
        client = client_for(cast.users()[role])
        assert client.get(address).status_code == status, role
        assert client.get(f"{address}your-data.pdf").status_code == status, role
        assert client.post(_base(cast)).status_code == status, role
    # Nor through another person's address.
    other = f"/orgs/acme/people/{cast.member_person.pk}/data/exports/{export.pk}/your-data.pdf"
    assert client_for(cast.admin).get(other).status_code == 404


def test_running_it_again_is_safe_and_a_stopped_run_leaves_nothing_behind(cast):
    export = export_request(person=cast.coproducer, by=cast.admin)
    first = export_build(export.pk)
    files = {first.json_file.path, first.pdf_file.path}
    # Done already: a repeat changes nothing.
    again = export_build(export.pk)
    assert {again.json_file.path, again.pdf_file.path} == files
    assert again.attempts == 1
    # A worker killed half way leaves it "running" with a file: the next run starts afresh.
    SubjectAccessExport.objects.filter(pk=export.pk).update(status=ExportStatus.RUNNING)
    rerun = export_build(export.pk)
    assert rerun.status == ExportStatus.READY
    assert rerun.attempts == 2
    assert not any(os.path.exists(path) for path in files)
    assert os.path.exists(rerun.json_file.path)


@pytest.mark.django_db(transaction=True)
def test_a_failed_copy_can_be_tried_again(cast, client_for, run_tasks):
    export = export_request(person=cast.coproducer, by=cast.admin)
    SubjectAccessExport.objects.filter(pk=export.pk).update(status=ExportStatus.FAILED)
    client = client_for(cast.admin)
    address = f"{_base(cast)}{export.pk}/"
    assert "Try again" in client.get(address).content.decode()
    assert client.post(address).status_code == 302
    run_tasks()
    export.refresh_from_db()
    assert export.status == ExportStatus.READY
