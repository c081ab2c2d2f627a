import datetime
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from coproduce.sessions import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(cast):
    session = services.session_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={"title": "Forum", "kind": "forum", "starts_at": timezone.now()},
    )
    session.invitees.set([cast.coproducer])
    return session


def test_plan_a_session_with_the_form(cast, client_for):
    response = client_for(cast.coordinator).post(
        "/orgs/acme/sessions/new/",
        {
            "title": "Co-design lab",
            "kind": "co_design_lab",
            "starts_at": "2026-12-01T18:00",
            "hours": "2",
            "co": "co-design",
            "rung": "co-design",
            "invitees": [cast.coproducer.pk],
        },
    )
    assert response.status_code == 302
    response = client_for(cast.coordinator).post("/orgs/acme/sessions/new/", {"title": ""})
    assert 'href="#id_title"' in response.content.decode()


def test_register_page_ticks_and_saves(cast, client_for, session):
    client = client_for(cast.coordinator)
    url = f"/orgs/acme/sessions/{session.pk}/register/"
    assert b'id="present-' in client.get(url).content
    response = client.post(url, {"present": [str(cast.coproducer.pk)], "newcomers": "Dee\nEd"})
    assert response.status_code == 302
    detail = client.get(session.get_absolute_url()).content.decode()
    assert "3 people" in detail


def test_import_page_shows_rows_and_saves_nothing(cast, client_for, session):
    data = f"session,person,hours\n{session.pk},{cast.coproducer.pk},x\n".encode()
    response = client_for(cast.coordinator).post(
        "/orgs/acme/sessions/import/", {"file": SimpleUploadedFile("a.csv", data, "text/csv")}
    )
    content = response.content.decode()
    assert "Nothing was saved" in content
    assert "Hours must be a number" in content


def test_attendance_can_be_imported_from_a_spreadsheet(cast, client_for, session):
    import io

    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["session", "person", "hours", "role"])
    book.active.append([session.pk, cast.coproducer.pk, 2, "co_chair"])
    buffer = io.BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("register.xlsx", buffer.getvalue())
    response = client_for(cast.coordinator).post("/orgs/acme/sessions/import/", {"file": upload})
    assert response.status_code == 302
    row = session.attendance.get(person=cast.coproducer)
    assert (row.hours, row.role) == (2, "co_chair")


def test_a_sessions_register_imports_by_name_from_its_own_page(cast, client_for, session):
    import io

    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Name", "Hours"])
    book.active.append([cast.coproducer.preferred_name, None])
    buffer = io.BytesIO()
    book.save(buffer)
    client = client_for(cast.coordinator)
    url = f"/orgs/acme/sessions/{session.pk}/import/"
    assert url in client.get(session.get_absolute_url()).content.decode()
    response = client.post(url, {"file": SimpleUploadedFile("who.xlsx", buffer.getvalue())})
    assert response.headers["Location"] == session.get_absolute_url()
    assert session.attendance.get().person == cast.coproducer


def test_members_cannot_take_registers_and_outsiders_get_404(cast, client_for, session):
    assert (
        client_for(cast.member).get(f"/orgs/acme/sessions/{session.pk}/register/").status_code
        == 403
    )
    outsider = client_for(cast.outsider)
    for url in (
        session.get_absolute_url(),
        f"/orgs/acme/sessions/{session.pk}/register/",
        "/orgs/acme/sessions/",
        f"/orgs/other/sessions/{session.pk}/",
    ):
        assert outsider.get(url).status_code == 404, url


def _sessions(cast, count):
    """`count` sessions, S0 today and each next one a day older; the last is returned."""
    for n in range(count):
        session = services.session_create(
            organisation=cast.org,
            by=cast.coordinator,
            details={
                "title": f"S{n}",
                "kind": "meeting",
                "starts_at": timezone.now() - datetime.timedelta(days=n),
            },
        )
    return session


def test_session_list_query_count_is_bounded(cast, client_for, django_assert_max_num_queries):
    _sessions(cast, 30)
    client = client_for(cast.coordinator)
    with django_assert_max_num_queries(10):
        assert client.get("/orgs/acme/sessions/").status_code == 200


def test_api_plans_a_session_and_takes_the_register(cast):
    from django.test import Client

    from coproduce.core.services import api_token_create

    api = Client(HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=cast.coordinator).token}")
    created = api.post(
        "/api/v1/orgs/acme/sessions",
        {
            "title": "Interview panel",
            "kind": "interview_panel",
            "hours": 1.5,
            "starts_at": "2026-12-01T10:00:00Z",
            "invitees": [cast.coproducer.pk],
        },
        content_type="application/json",
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    register = api.put(
        f"/api/v1/orgs/acme/sessions/{pk}/register",
        {"present": [cast.coproducer.pk], "newcomers": ["Kai"]},
        content_type="application/json",
    )
    assert register.json() == {"present": 2, "newcomers": 1, "removed": 0}
    naive = api.post(
        "/api/v1/orgs/acme/sessions",
        {"title": "x", "kind": "meeting", "starts_at": "2026-12-01T10:00:00"},
        content_type="application/json",
    )
    assert naive.status_code == 422
    assert naive.json()["errors"][0]["field"] == "starts_at"
    outsider = Client(HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=cast.outsider).token}")
    assert outsider.get(f"/api/v1/orgs/acme/sessions/{pk}").status_code == 404
    stranger = api.put(
        f"/api/v1/orgs/acme/sessions/{pk}/register",
        {"present": [cast.other_person.pk]},
        content_type="application/json",
    )
    assert stranger.status_code == 404


def test_attendance_details_set_hours_role_and_who_spoke(cast, client_for, session):
    from coproduce.sessions.models import Attendance

    services.register_save(
        session=session, by=cast.coordinator, present=[cast.coproducer, cast.member_person]
    )
    noor, mo = (
        Attendance.objects.get(session=session, person=p)
        for p in (cast.coproducer, cast.member_person)
    )
    client = client_for(cast.coordinator)
    url = f"/orgs/acme/sessions/{session.pk}/attendance/"
    # The page lists people by name: Mo, then Noor.
    page = client.get(url).content.decode()
    assert page.index("Mo") < page.index("Noor")

    def rows(*values: tuple[Any, str, str, bool]) -> dict[str, Any]:
        data: dict[str, Any] = {"rows-TOTAL_FORMS": len(values), "rows-INITIAL_FORMS": len(values)}
        for n, (row, hours, role, spoke) in enumerate(values):
            data.update({f"rows-{n}-id": row.pk, f"rows-{n}-hours": hours, f"rows-{n}-role": role})
            if spoke:
                data[f"rows-{n}-spoke"] = "on"
        return data

    response = client.post(
        url, rows((mo, "lots", "participant", False), (noor, "1.5", "co_chair", True))
    )
    assert response.status_code == 200
    assert "Enter the hours as a number" in response.content.decode()
    noor.refresh_from_db()
    assert noor.role == "participant"  # nothing saved while one row is wrong
    for bad in ("NaN", "Infinity", "25", "-1"):
        response = client.post(
            url, rows((mo, bad, "participant", False), (noor, "1.5", "co_chair", True))
        )
        assert response.status_code == 200, bad
    stranger = rows((mo, "2", "participant", False), (noor, "1.5", "co_chair", True))
    stranger["rows-1-id"] = 10**9
    assert client.post(url, stranger).status_code == 200
    noor.refresh_from_db()
    assert noor.role == "participant"
    response = client.post(
        url, rows((mo, "2", "participant", False), (noor, "1.5", "co_chair", True))
    )
    assert response.status_code == 302
    noor.refresh_from_db()
    assert (noor.hours, noor.role, noor.spoke) == (1.5, "co_chair", True)
    assert client_for(cast.member).get(url).status_code == 403


def test_api_stores_any_offset_in_utc_and_refuses_implausible_years(cast):
    from django.test import Client

    from coproduce.core.services import api_token_create
    from coproduce.sessions.models import Session

    api = Client(HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=cast.coordinator).token}")
    # PostgreSQL refuses offsets beyond 15:59, so moments are stored in UTC.
    created = api.post(
        "/api/v1/orgs/acme/sessions",
        {"title": "Far east", "kind": "meeting", "starts_at": "2026-12-01T23:30:00+20:02"},
        content_type="application/json",
    )
    assert created.status_code == 201
    stored = Session.objects.get(pk=created.json()["id"]).starts_at
    assert stored.isoformat() == "2026-12-01T03:28:00+00:00"
    for when in ("0336-07-06T06:27:14+20:02", "0001-01-01T00:00:00+05:00"):
        old = api.post(
            "/api/v1/orgs/acme/sessions",
            {"title": "Old", "kind": "meeting", "starts_at": when},
            content_type="application/json",
        )
        assert old.status_code == 422, when
        assert old.json()["errors"][0]["field"] == "starts_at"


def test_api_lists_sessions_a_page_at_a_time_with_attendance_counted(cast):
    from django.test import Client

    from coproduce.core.services import api_token_create

    session = _sessions(cast, 3)
    services.register_save(
        session=session, by=cast.coordinator, present=[cast.coproducer, cast.member_person]
    )
    api = Client(HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=cast.coordinator).token}")
    page = api.get("/api/v1/orgs/acme/sessions", {"page_size": 2, "page": 2}).json()
    assert (page["count"], page["page"], page["page_size"]) == (3, 2, 2)
    assert [s["title"] for s in page["results"]] == ["S2"]
    assert page["results"][0]["attended"] == 2
    assert api.get("/api/v1/orgs/acme/sessions", {"page": 0}).status_code == 422


def test_odd_input_on_the_register_and_attendance_pages_is_refused_kindly(cast, client_for):
    # Found by `make fuzz`: "NaN" hours broke a comparison; a NUL in a newcomer's name
    # broke PostgreSQL.
    session = _sessions(cast, 1)
    client = client_for(cast.coordinator)
    register = f"/orgs/acme/sessions/{session.pk}/register/"
    response = client.post(
        register, {"present": [str(cast.coproducer.pk)], "newcomers": "Ade\x00ola\nSam"}
    )
    assert response.status_code == 302
    assert set(session.attendance.values_list("person__preferred_name", flat=True)) == {
        cast.coproducer.preferred_name,
        "Adeola",
        "Sam",
    }
    rows = list(session.attendance.order_by("person__preferred_name"))
    details = f"/orgs/acme/sessions/{session.pk}/attendance/"
    for odd in ("NaN", "Infinity", "-inf"):
        data = {"rows-TOTAL_FORMS": len(rows), "rows-INITIAL_FORMS": len(rows)}
        for n, row in enumerate(rows):
            data |= {
                f"rows-{n}-id": row.pk,
                f"rows-{n}-hours": odd,
                f"rows-{n}-role": "participant",
            }
        response = client.post(details, data)
        assert response.status_code in {200, 422}, odd
        assert "Enter the hours as a number" in response.content.decode()
    # Without the formset's own counts the page says so, and nothing breaks.
    response = client.post(details, {"rows-0-hours": "2"})
    assert response.status_code == 200
