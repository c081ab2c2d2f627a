import io

import pytest
from openpyxl import load_workbook

from coproduce.demo.services import demo_load
from coproduce.evidence.models import Excerpt
from coproduce.initiatives.models import Initiative
from coproduce.people.models import ConsentPurpose, Person
from tests.pdfcheck import assert_accessible_pdf, get_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(tmp_path, settings):
    settings.VAR_DIR = tmp_path
    demo_load(password="a long test password 42")


def _client(client, email="coordinator@example.org"):
    from coproduce.core.models import User

    client.force_login(User.objects.get(email=email))
    return client


def test_demo_pack_carries_the_sources_figures_and_their_checks(client, demo):
    initiative = Initiative.objects.get(title="Talking therapies at community sites")
    page = _client(client).get(f"/orgs/wandle-cen/evidence-pack/?initiative={initiative.pk}")
    html = page.content.decode()
    assert page.status_code == 200
    # Referrals by source, 001:L174-199: the shift from GPs to self-referral.
    assert "83.12%" in html
    assert "64.63%" in html
    assert "×3.30" in html
    # What the published table gets wrong, found by the checks.
    assert "Other clinical specialty is published as 2.80% but its count gives 2.78%." in html
    assert "47.24% is not recorded" in html
    # The community survey, 000:L518-526: 85 given, 23 back, 16 complete.
    assert "27.06%" in html
    assert "69.57%" in html
    # Quotes only from people who agreed: Fatima and Priya did, Hamid has not.
    assert "I was helped, and now I help." in html
    assert "For my mother the language was everything." not in html


def test_withdrawing_agreement_takes_a_quote_out_of_the_pack(client, demo):
    fatima = Person.objects.get(organisation__slug="wandle-cen", preferred_name="Fatima")
    consent = fatima.consents.active().get(purpose=ConsentPurpose.QUOTES)
    from coproduce.people.services import consent_withdraw

    consent_withdraw(consent=consent, by=None)
    html = _client(client).get("/orgs/wandle-cen/evidence-pack/").content.decode()
    assert "I was helped, and now I help." not in html
    assert Excerpt.objects.filter(person=fatima).exists()  # the words stay for coding


def test_pack_downloads_as_pdf_and_spreadsheet(client, demo):
    council = _client(client, "admin@example.org")
    website = Initiative.objects.get(title="Care and support website, written with residents")
    url = f"/orgs/northfield-council/evidence-pack/?initiative={website.pk}"
    pdf = get_pdf(council, url + "&format=pdf")
    assert_accessible_pdf(pdf.content)
    sheet = council.get(url + "&format=xlsx")
    workbook = load_workbook(io.BytesIO(sheet.content))
    assert workbook.sheetnames == [
        "Commissioning cycle",
        "Indicators",
        "Outcomes",
        "Surveys",
        "Quotes",
        "You said, we did",
        "Value for money",
    ]
    value = {row[0]: row[1] for row in workbook["Value for money"].iter_rows(values_only=True)}
    assert value["Costs (£)"] == 75000
    assert value["Return for each £1"] == 4
    assert value["Payback (months)"] == 3


def test_pack_is_only_for_the_organisations_own_people(client, demo):
    other = _client(client, "yorkshire@example.org")
    assert other.get("/orgs/wandle-cen/evidence-pack/").status_code == 404
    reviewer = _client(client, "reviewer@example.org")
    assert reviewer.get("/orgs/wandle-cen/evidence-pack/").status_code == 403


def test_pack_query_count_stays_bounded(client, demo, django_assert_max_num_queries):
    coordinator = _client(client)
    # About 25 queries: one for all figures, however many indicators; five a survey.
    with django_assert_max_num_queries(30):
        assert coordinator.get("/orgs/wandle-cen/evidence-pack/").status_code == 200


def test_bad_dates_are_named(client, demo):
    page = _client(client).get("/orgs/wandle-cen/evidence-pack/?since=2026-02-30&until=2020-01-01")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Enter a real date." in html


def test_the_demo_network_shows_who_is_missing(client, demo, django_assert_max_num_queries):
    """Issue 20: the demo's network compares who takes part with its area, so a visitor
    sees what the page is for; the page stays within the query budget."""
    commissioner = _client(client, "commissioner@example.org")
    with django_assert_max_num_queries(20):
        page = commissioner.get("/orgs/wandle-cen/who-takes-part/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Who is missing" in text
    assert "White: 63% of the area" in text
