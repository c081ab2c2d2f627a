"""Taking everything out (issue 17, 4): the everyday lists download as CSV and XLSX, with
what the reader's role may see, formulas kept from running."""

import csv
import datetime
import io
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from coproduce.influence.services import item_create
from coproduce.ledger import services as ledger_services
from coproduce.ledger.models import AccountKind, Unit
from coproduce.recognition import services as recognition
from coproduce.sessions.services import register_save, session_create

pytestmark = pytest.mark.django_db


def _csv(response: Any) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def _xlsx(response: Any) -> list[list[Any]]:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_people_download_as_csv_and_xlsx_with_the_filters(cast: Any, client_for: Any) -> None:
    cast.coproducer.full_name = '=HYPERLINK("http://x")'
    cast.coproducer.save()
    client = client_for(cast.coordinator)
    rows = _csv(client.get("/orgs/acme/people/?format=csv"))
    assert rows[0][0] == "Preferred name"
    names = {row[0] for row in rows[1:]}
    assert {"Noor", "Mo"} <= names
    assert "Elsewhere" not in names
    noor = next(row for row in rows if row[0] == "Noor")
    assert noor[1].startswith("'=")
    sheet = _xlsx(client.get("/orgs/acme/people/?format=xlsx&q=Noor"))
    assert [row[0] for row in sheet[1:]] == ["Noor"]
    page = client.get("/orgs/acme/people/").content.decode()
    assert "format=xlsx" in page
    # A viewer (commissioner) may not list people, so may not download them.
    assert client_for(cast.commissioner).get("/orgs/acme/people/?format=csv").status_code == 403


def test_sessions_and_attendance_download(cast: Any, client_for: Any) -> None:
    session = session_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={
            "title": "Forum",
            "kind": "forum",
            "starts_at": timezone.make_aware(datetime.datetime(2026, 11, 3, 10, 0)),
            "hours": Decimal(2),
        },
    )
    register_save(session=session, by=cast.coordinator, present=[cast.coproducer])
    client = client_for(cast.coordinator)
    sessions = _xlsx(client.get("/orgs/acme/sessions/?format=xlsx"))
    assert sessions[1][:2] == ["2026-11-03 10:00", "Forum"]
    assert sessions[1][8] == 1
    attendance = _csv(client.get("/orgs/acme/sessions/?format=csv&table=attendance"))
    assert attendance[1][1:3] == ["Forum", "Noor"]
    # Viewers see the sessions, not who came.
    viewer = client_for(cast.commissioner)
    assert "Noor" not in viewer.get("/orgs/acme/sessions/?format=csv").content.decode()
    assert viewer.get("/orgs/acme/sessions/?format=csv&table=attendance").status_code == 403


def test_the_you_said_we_did_log_downloads(cast: Any, client_for: Any) -> None:
    item_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={"title": "Evening groups", "addressed_to": "Council", "raised_by_group": "Carers"},
        people=[cast.coproducer],
    )
    rows = _csv(client_for(cast.coordinator).get("/orgs/acme/you-said-we-did/?format=csv"))
    assert rows[1][1] == "Evening groups"
    assert rows[1][4] == "Carers"
    assert "Noor" not in str(rows)


def test_the_ledger_downloads_a_row_a_posting(cast: Any, client_for: Any) -> None:
    issued = ledger_services.organisation_account(cast.org, AccountKind.ISSUED, Unit.PENCE)
    noor = ledger_services.person_account(cast.coproducer, Unit.PENCE)
    recognition.post(
        organisation=cast.org,
        by=cast.coordinator,
        key="dl",
        kind="award",
        legs=[(issued, -1250), (noor, 1250)],
        memo="Forum",
    )
    sheet = _xlsx(client_for(cast.coordinator).get("/orgs/acme/recognition/ledger/?format=xlsx"))
    amounts = {row[4]: row[6] for row in sheet[1:]}
    assert amounts["Noor"] == 12.5
    assert sum(row[6] for row in sheet[1:]) == 0


def test_survey_responses_download_with_words_only_for_who_may_read_them(
    cast: Any, client_for: Any
) -> None:
    from coproduce.evidence.surveys import services as surveys

    survey = surveys.survey_create(
        organisation=cast.org,
        by=cast.coordinator,
        title="Community survey",
        questions=[
            {"kind": "choice", "text": "Where?", "choices": ["Temple", "Church"]},
            {"kind": "text", "text": "Anything else?"},
        ],
    )
    surveys.survey_set(survey=survey, by=cast.coordinator, status="open", sent_count=10)
    first, second = survey.questions.order_by("position")
    surveys.response_submit(survey=survey, answers={first.pk: "Temple", second.pk: "=1+1 lifts"})
    surveys.response_submit(survey=survey, answers={first.pk: "Church"})
    url = f"/orgs/acme/evidence/surveys/{survey.pk}/"
    rows = _csv(client_for(cast.coordinator).get(f"{url}?format=csv"))
    assert rows[0][3:] == ["Where?", "Anything else?"]
    assert [row[3:] for row in rows[1:]] == [["Temple", "'=1+1 lifts"], ["Church", ""]]
    assert "format=xlsx" in client_for(cast.coordinator).get(url).content.decode()
    # A commissioner sees the figures but not people's own words unless they are shared.
    sheet = _xlsx(client_for(cast.commissioner).get(f"{url}?format=xlsx"))
    assert [row[3:] for row in sheet[1:]] == [["Temple", "(words not shared)"], ["Church", None]]
    assert client_for(cast.outsider).get(f"{url}?format=csv").status_code == 404


def test_opportunities_and_interest_download(cast: Any, client_for: Any) -> None:
    from coproduce.opportunities import services as opportunities

    opportunity = opportunities.opportunity_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={
            "title": "Interview panel",
            "kind": "interview_panel",
            "involves": "A morning",
            "recognition": "£45",
            "closes_on": timezone.localdate() + datetime.timedelta(days=10),
        },
    )
    cast.coproducer.email = "noor@example.org"
    cast.coproducer.save()
    opportunities.interest_express(
        opportunity=opportunity, person=cast.coproducer, by=cast.coordinator, note="Mornings"
    )
    staff = _csv(client_for(cast.coordinator).get("/orgs/acme/opportunities/?format=csv"))
    assert staff[0][-2:] == ["Interested", "Selected"]
    assert staff[1][0] == "Interview panel"
    assert staff[1][-2:] == ["1", "0"]
    # A co-producer downloads the board as they see it: no counts of who is interested.
    board = _csv(client_for(cast.member).get("/orgs/acme/opportunities/?format=csv"))
    assert board[0] == ["Title", "Kind", "Closes", "Places"]
    detail = f"/orgs/acme/opportunities/{opportunity.pk}/"
    interest = _xlsx(client_for(cast.coordinator).get(f"{detail}?format=xlsx"))
    assert interest[1][:2] == ["Noor", "noor@example.org"]
    assert interest[1][5] == "Mornings"
    assert client_for(cast.member).get(f"{detail}?format=csv").status_code == 403


def test_the_same_lists_through_the_api(cast: Any, client_for: Any) -> None:
    """Survey responses and who is interested, a page at a time, with what the token's
    role may see (issue 17, 4)."""
    from django.test import Client

    from coproduce.core.services import api_token_create
    from coproduce.evidence.surveys import services as surveys
    from coproduce.opportunities import services as opportunities

    survey = surveys.survey_create(
        organisation=cast.org,
        by=cast.coordinator,
        title="Community survey",
        questions=[
            {"kind": "choice", "text": "Where?", "choices": ["Temple", "Church"]},
            {"kind": "text", "text": "Anything else?"},
        ],
    )
    surveys.survey_set(survey=survey, by=cast.coordinator, status="open", sent_count=10)
    first, second = survey.questions.order_by("position")
    for n in range(3):
        surveys.response_submit(survey=survey, answers={first.pk: "Temple", second.pk: f"Note {n}"})
    staff = Client(HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=cast.coordinator).token}")
    viewer = Client(HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=cast.commissioner).token}")
    url = f"/api/v1/orgs/acme/evidence/surveys/{survey.pk}/responses"
    page = staff.get(url, {"page_size": 2}).json()
    assert (page["count"], len(page["results"])) == (3, 2)
    assert page["results"][0]["answers"] == {str(first.pk): "Temple", str(second.pk): "Note 0"}
    hidden = viewer.get(url).json()["results"][0]["answers"]
    assert hidden[str(second.pk)] == "(words not shared)"

    opportunity = opportunities.opportunity_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={
            "title": "Panel",
            "kind": "interview_panel",
            "involves": "A morning",
            "recognition": "£45",
            "closes_on": timezone.localdate() + datetime.timedelta(days=5),
        },
    )
    opportunities.interest_express(
        opportunity=opportunity, person=cast.coproducer, by=cast.coordinator, note="Mornings"
    )
    interest = f"/api/v1/orgs/acme/opportunities/{opportunity.pk}/interest"
    rows = staff.get(interest).json()["results"]
    assert [(r["preferred_name"], r["note"]) for r in rows] == [("Noor", "Mornings")]
    assert viewer.get(interest).status_code == 403
