"""A new council from nothing (issue 17, must show), in Chromium with axe on every page:
sign up, start an organisation, invite a coordinator, import 200 people from a
spreadsheet with 3 duplicates and 2 bad rows, fix it and import, plan a session with 40
invitees, move it, take the register on a 375 px screen, and download attendance as
XLSX and read it back. Typing is done with the keyboard and counted."""

import io

import pytest
from openpyxl import Workbook, load_workbook
from playwright.sync_api import Page, expect

from coproduce.core.models import Invitation, Organisation
from coproduce.people.models import Person
from coproduce.sessions.models import Attendance, Session
from tests.e2e.test_assessment_journey import Keyboard
from tests.factories import PersonFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

HEADERS = ["Full name", "E-mail", "Mobile", "Contact by"]
PASSWORD = "Riverside lead passphrase 2026"


def _sheet(bad: bool) -> bytes:
    book = Workbook()
    book.active.append(HEADERS)
    for n in range(195):
        book.active.append(
            [f"Resident{n:03} Lane", f"r{n}@example.org", f"07700 900{n:03}", "Email"]
        )
    # Three who are already here: same email, same phone, same name.
    book.active.append(["Aisha Khan", "aisha@example.org", "", "Text"])
    book.active.append(["Sam Patel", "", "+44 7700 111222", "Letter"])
    book.active.append(["Jo Bloggs", "", "", ""])
    if bad:
        book.active.append(["", "nobody@example.org", "", ""])  # no name
        book.active.append(["Ben Oak", "not-an-email", "", "Pigeon"])
    else:
        book.active.append(["Cara Ash", "cara@example.org", "", ""])
        book.active.append(["Ben Oak", "ben@example.org", "", "Email"])
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


class Journey:
    """The browser, axe after every page, and a count of keys and clicks."""

    def __init__(self, page: Page, base: str, axe_check) -> None:
        self.page, self.base, self.axe = page, base, axe_check
        self.keys = Keyboard(page)
        self.clicks = 0

    def checked(self) -> None:
        """No axe violation, and nothing wider than the screen (naming what is, if so)."""
        self.axe(self.page)
        width = self.page.evaluate("document.documentElement.scrollWidth")
        viewport = self.page.viewport_size["width"]
        wide = self.page.evaluate(
            """() => [...document.querySelectorAll('main *')]
              .filter(e => e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 1)
              .slice(0, 3).map(e => e.tagName + '.' + e.className)"""
        )
        assert width <= viewport, f"{self.page.url} is {width} px wide at {viewport}: {wide}"

    def type_into(self, locator, text: str) -> None:
        locator.click()
        self.clicks += 1
        self.keys.type(text)

    def click(self, locator) -> None:
        locator.click()
        self.clicks += 1


def test_a_new_council_from_nothing(page: Page, live_server, axe_check, settings, tmp_path):
    settings.COPRODUCE_CHECK_NEW_ORGANISATIONS = False
    page.set_viewport_size({"width": 375, "height": 812})
    j = Journey(page, live_server.url, axe_check)

    # Sign up.
    page.goto(f"{j.base}/accounts/signup/")
    j.checked()
    j.type_into(page.get_by_label("Email"), "lead@riverside.gov.uk")
    j.type_into(page.get_by_label("Password", exact=True), PASSWORD)
    j.type_into(page.get_by_label("Password again"), PASSWORD)
    j.keys.press("Enter")
    expect(page.get_by_role("heading", name="Your organisations")).to_be_visible()
    j.checked()

    # Start an organisation.
    j.click(page.get_by_role("link", name="Start an organisation"))
    j.checked()
    j.type_into(page.get_by_label("Name of the organisation"), "Riverside Borough Council")
    j.click(page.get_by_label("Council", exact=True))
    j.type_into(page.get_by_label("Where it works"), "Riverside")
    j.click(page.get_by_role("button", name="Start it"))
    expect(page.get_by_text("You are its admin")).to_be_visible()
    j.checked()
    council = Organisation.objects.get(name="Riverside Borough Council")
    orgs = f"{j.base}/orgs/{council.slug}"

    # Invite a coordinator.
    page.goto(f"{orgs}/members/")
    j.checked()
    j.type_into(page.get_by_label("Email address"), "coordinator@riverside.gov.uk")
    j.click(page.get_by_label("Coordinator", exact=False).first)
    j.click(page.get_by_role("button", name="Send invitation"))
    expect(page.get_by_text("We have emailed an invitation")).to_be_visible()
    j.checked()
    assert Invitation.objects.get(organisation=council).email == "coordinator@riverside.gov.uk"

    # Three people typed in on the first day, whom the spreadsheet also holds.
    PersonFactory(organisation=council, preferred_name="Aisha", email="AISHA@example.org")
    PersonFactory(organisation=council, preferred_name="Sam", phone="07700111222")
    PersonFactory(organisation=council, preferred_name="Jo", full_name="Jo Bloggs")

    # Import 200 people: two bad rows first.
    for bad in (True, False):
        page.goto(f"{orgs}/people/import/")
        j.checked()
        upload = tmp_path / ("people-bad.xlsx" if bad else "people.xlsx")
        upload.write_bytes(_sheet(bad))
        page.get_by_label("CSV or Excel file").set_input_files(str(upload))
        j.clicks += 1
        j.click(page.get_by_role("button", name="Upload and go on"))
        j.checked()
        j.click(page.get_by_role("button", name="Check the rows"))
        if bad:
            expect(
                page.get_by_text("2 rows need fixing before anything is imported")
            ).to_be_visible()
            j.checked()
    expect(page.get_by_text("3 rows may be someone already here")).to_be_visible()
    j.checked()
    j.click(page.get_by_label("Fill in Aisha's record from this row"))
    j.click(page.get_by_role("button", name="Import them"))
    expect(page.get_by_text("Imported: 197 added, 1 updated, 2 left out.")).to_be_visible()
    j.checked()
    assert Person.objects.filter(organisation=council).count() == 3 + 197

    # Plan a session with 40 invitees.
    page.goto(f"{orgs}/sessions/new/")
    j.checked()
    j.type_into(page.get_by_label("Title"), "Carers' forum")
    page.get_by_label("Kind").select_option(index=1)
    j.clicks += 1
    page.get_by_label("Starts").fill("2027-01-14T10:00")
    j.keys.presses += len("14012027100")  # typed into the date and time control
    residents = [f"Resident{n:03}" for n in range(40)]
    page.get_by_label("Who is invited").select_option(label=residents)
    j.clicks += 40  # one ctrl-click each
    j.click(page.get_by_role("button", name="Save session"))
    expect(page.get_by_text("Session planned.")).to_be_visible()
    j.checked()
    session = Session.objects.get(organisation=council)
    assert session.invitees.count() == 40

    # Move it a day later.
    page.goto(f"{orgs}/sessions/{session.pk}/change/")
    j.checked()
    page.get_by_label("Starts").fill("2027-01-15T10:00")
    j.keys.presses += len("15")
    j.click(page.get_by_role("button", name="Save changes"))
    expect(page.get_by_text("moved from 2027-01-14 10:00 to 2027-01-15 10:00")).to_be_visible()
    j.checked()

    # The register on a phone, with the keyboard: the 40 invited all came.
    page.goto(f"{orgs}/sessions/{session.pk}/register/")
    j.checked()
    j.keys.tab_to("input[name=present]", limit=80)
    for n in range(40):
        if n:
            j.keys.press("Tab")
        j.keys.press("Space")
    j.keys.tab_to("button[type=submit]", limit=400)
    j.keys.press("Enter")
    expect(page.get_by_text("Register saved: 40 people, 0 of them new.")).to_be_visible()
    j.checked()
    assert Attendance.objects.filter(session=session).count() == 40

    # Attendance as XLSX, read back.
    page.goto(f"{orgs}/sessions/")
    j.checked()
    with page.expect_download() as download:
        j.click(page.locator('a[href="?table=attendance&format=xlsx"]'))
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Session starts", "Session", "Person")
    assert sorted(row[2] for row in rows[1:]) == residents
    print(f"new council: {j.keys.presses} key presses and {j.clicks} clicks")
