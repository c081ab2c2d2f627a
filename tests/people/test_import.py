"""Bringing people in (issue 17, 2): a spreadsheet of 200 people, 3 already here and 2
with mistakes; columns matched, every row checked, fixed, then imported all at once."""

import io
from typing import Any

import pytest
from openpyxl import Workbook

from coproduce.core.models import AuditAction, AuditEvent
from coproduce.people.models import AccessNeed, PeopleImport, Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

HEADERS = ["Full name", "E-mail", "Mobile", "Contact by", "Access needs", "Team"]


def _sheet(rows: list[list[str]]) -> io.BytesIO:
    book = Workbook()
    book.active.append(HEADERS)
    for row in rows:
        book.active.append(row)
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "people.xlsx"
    return data


def _rows(bad: bool) -> list[list[str]]:
    rows = [
        [f"Person {n:03}", f"p{n}@example.org", f"07700 900{n:03}", "Email", "", "North"]
        for n in range(195)
    ]
    rows += [
        ["Aisha Khan", "aisha@example.org", "", "Text", "Easy read; Step-free access", "South"],
        ["Someone New", "", "+44 7700 111222", "Letter", "", "South"],
        ["Jo Bloggs", "", "", "", "", "South"],
    ]
    if bad:
        rows += [
            ["", "nobody@example.org", "", "", "", ""],  # no name
            ["Ben Oak", "not-an-email", "", "Pigeon", "", ""],  # two mistakes
        ]
    else:
        rows += [["Cara Ash", "cara@example.org", "", "", "", ""], ["Ben Oak", "", "", "", "", ""]]
    return rows


@pytest.fixture
def here_already(cast: Any) -> list[Person]:
    return [
        PersonFactory(organisation=cast.org, preferred_name="Aisha", email="AISHA@example.org"),
        PersonFactory(organisation=cast.org, preferred_name="Sam", phone="07700111222"),
        PersonFactory(organisation=cast.org, preferred_name="Jo", full_name="Jo Bloggs"),
    ]


def _upload(client: Any, bad: bool) -> Any:
    answer = client.post("/orgs/acme/people/import/", {"file": _sheet(_rows(bad))})
    assert answer.status_code == 302, answer.content.decode()[:500]
    return PeopleImport.objects.order_by("-pk").first()


def test_two_hundred_people_with_duplicates_and_mistakes(
    cast: Any, client_for: Any, here_already: list[Person]
) -> None:
    client = client_for(cast.coordinator)
    before = Person.objects.filter(organisation=cast.org).count()
    batch = _upload(client, bad=True)
    address = f"/orgs/acme/people/import/{batch.pk}/"
    # The columns are guessed from their names; "Team" is left out.
    assert batch.columns == {
        "full_name": "Full name",
        "email": "E-mail",
        "phone": "Mobile",
        "contact_preference": "Contact by",
        "access_needs": "Access needs",
    }
    client.post(address, {"step": "match", **batch.columns})
    page = client.get(address)
    checked = page.context["checked"]
    assert {(p.row, p.field) for p in checked.problems} == {
        (200, "preferred_name"),
        (201, "email"),
        (201, "contact_preference"),
    }
    assert "2 rows need fixing before anything is imported" in page.content.decode()
    refused = client.post(address, {"step": "import"})
    assert refused.status_code == 409
    assert Person.objects.filter(organisation=cast.org).count() == before

    # Fixed and uploaded again.
    batch = _upload(client, bad=False)
    address = f"/orgs/acme/people/import/{batch.pk}/"
    client.post(address, {"step": "match", **batch.columns})
    checked = client.get(address).context["checked"]
    assert checked.problems == []
    assert {(d.row, d.person.preferred_name) for d in checked.duplicates} == {
        (197, "Aisha"),
        (198, "Sam"),
        (199, "Jo"),
    }
    done = client.post(
        address, {"step": "import", "row-197": "update", "row-198": "add", "row-199": "skip"}
    )
    assert done.status_code == 302
    assert Person.objects.filter(organisation=cast.org).count() == before + 198
    aisha = here_already[0]
    aisha.refresh_from_db()
    assert aisha.full_name == "Aisha Khan"
    assert aisha.contact_preference == "text"
    assert set(AccessNeed.objects.filter(person=aisha).values_list("kind", flat=True)) == {
        "easy_read",
        "step_free",
    }
    new = Person.objects.get(organisation=cast.org, full_name="Someone New")
    assert (new.preferred_name, new.contact_preference) == ("Someone", "post")
    assert not Person.objects.filter(full_name="Jo Bloggs").exclude(pk=here_already[2].pk).exists()
    event = AuditEvent.objects.get(action=AuditAction.PEOPLE_IMPORT)
    assert (event.changes["added"], event.changes["updated"], event.changes["skipped"]) == (
        198,
        1,
        1,
    )
    # Imported once only; the file's cells are not kept.
    batch.refresh_from_db()
    assert batch.rows == []
    assert client.post(address, {"step": "import"}).status_code == 200


def test_the_check_kept_between_visits_still_sees_who_is_here_now(
    cast: Any, client_for: Any, here_already: list[Person]
) -> None:
    client = client_for(cast.coordinator)
    batch = _upload(client, bad=True)
    address = f"/orgs/acme/people/import/{batch.pk}/"
    client.post(address, {"step": "match", **batch.columns})
    first = client.get(address).context["checked"]
    assert first.rows == 200
    assert 196 not in {d.row for d in first.duplicates}
    # Someone with row 196's phone number is added while the coordinator looks.
    PersonFactory(organisation=cast.org, preferred_name="Ola", phone="07700 900194")
    again = client.get(address)
    assert (196, "Ola") in {
        (d.row, d.person.preferred_name) for d in again.context["checked"].duplicates
    }
    assert "The file has 200 rows." in again.content.decode()
    # Other columns give another check: without the email column, row 201's is no problem.
    columns = {**batch.columns, "email": ""}
    client.post(address, {"step": "match", **columns})
    fields = {(p.row, p.field) for p in client.get(address).context["checked"].problems}
    assert fields == {(200, "preferred_name"), (201, "contact_preference")}
    # The reasons are in the language of the page.
    english = client.get(address).context["checked"].problems[0].message
    welsh = client.get(address, HTTP_ACCEPT_LANGUAGE="cy").context["checked"].problems[0].message
    assert english == "A name is needed."
    assert welsh not in ("", english)


def test_a_wrong_column_choice_names_the_field(cast: Any, client_for: Any) -> None:
    client = client_for(cast.coordinator)
    batch = _upload(client, bad=False)
    address = f"/orgs/acme/people/import/{batch.pk}/"
    answer = client.post(address, {"step": "match", "full_name": "Nope"})
    assert answer.status_code == 400
    assert set(answer.context["columns"].errors) == {"full_name"}
    answer = client.post(address, {"step": "match", "email": "E-mail", "phone": "E-mail"})
    assert answer.status_code == 400
    assert set(answer.context["columns"].errors) == {"preferred_name", "phone"}


def test_only_staff_bring_people_in_and_only_into_their_own_organisation(
    cast: Any, client_for: Any
) -> None:
    batch = _upload(client_for(cast.coordinator), bad=False)
    for user in (cast.member, cast.commissioner):
        assert client_for(user).get("/orgs/acme/people/import/").status_code == 403
    assert client_for(cast.outsider).get(f"/orgs/acme/people/import/{batch.pk}/").status_code == 404


def test_a_file_that_is_not_a_table_is_refused(cast: Any, client_for: Any) -> None:
    data = io.BytesIO(b"\x00\x01binary")
    data.name = "x.csv"
    answer = client_for(cast.coordinator).post("/orgs/acme/people/import/", {"file": data})
    assert answer.status_code == 400
    assert "file" in answer.context["form"].errors


def _big_upload(client: Any, rows: list[list[str]]) -> tuple[PeopleImport, str]:
    answer = client.post("/orgs/acme/people/import/", {"file": _sheet(rows)})
    assert answer.status_code == 302
    batch = PeopleImport.objects.order_by("-pk").first()
    address = f"/orgs/acme/people/import/{batch.pk}/"
    client.post(address, {"step": "match", **batch.columns})
    return batch, address


@pytest.mark.django_db(transaction=True)
def test_a_large_file_imports_in_the_background_with_a_progress_bar(
    cast: Any, client_for: Any, run_tasks: Any
) -> None:
    PersonFactory(organisation=cast.org, preferred_name="Aisha", email="aisha@example.org")
    rows = [[f"Person {n:04}", f"p{n}@example.org", "", "", "", ""] for n in range(1500)]
    rows.append(["Aisha Khan", "aisha@example.org", "", "Text", "", ""])
    client = client_for(cast.coordinator)
    batch, address = _big_upload(client, rows)
    before = Person.objects.filter(organisation=cast.org).count()
    queued = client.post(address, {"step": "import", "row-1502": "update"})
    assert queued.headers["Location"] == address
    waiting = client.get(address).content.decode()
    assert "Waiting to start: 0%" in waiting
    assert 'hx-trigger="every 2s"' in waiting
    # Asked twice, it is not imported twice.
    assert client.post(address, {"step": "import"}).status_code == 409

    run_tasks()

    batch.refresh_from_db()
    assert (batch.step, batch.progress, batch.report["added"], batch.report["updated"]) == (
        "done",
        100,
        1500,
        1,
    )
    assert Person.objects.filter(organisation=cast.org).count() == before + 1500
    partial = client.get(address, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial
    assert "1500 added, 1 updated, 0 left out." in partial
    assert "every 2s" not in partial


@pytest.mark.django_db(transaction=True)
def test_a_background_import_with_bad_rows_saves_nothing_and_says_why(
    cast: Any, client_for: Any, run_tasks: Any
) -> None:
    rows = [[f"Person {n:04}", f"p{n}@example.org", "", "", "", ""] for n in range(1200)]
    rows[700][1] = "not-an-email"
    client = client_for(cast.coordinator)
    batch, address = _big_upload(client, rows)
    before = Person.objects.count()
    client.post(address, {"step": "import"})
    run_tasks()
    batch.refresh_from_db()
    assert batch.step == "checking"
    assert Person.objects.count() == before
    page = client.get(address).content.decode()
    assert "The import stopped and nothing was saved. 1 row needs fixing first." in page


def test_uploads_left_unfinished_are_forgotten_after_two_weeks(cast: Any, client_for: Any) -> None:
    """An upload holds people's details that never reached their records; left for two
    weeks, the daily retention run deletes it. Finished ones kept their report only."""
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    client = client_for(cast.coordinator)
    old = _upload(client, bad=True)
    recent = _upload(client, bad=True)
    PeopleImport.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=15)
    )
    call_command("retention")
    assert list(PeopleImport.objects.values_list("pk", flat=True)) == [recent.pk]
