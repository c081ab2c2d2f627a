import datetime
import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from coproduce.evidence import services
from coproduce.evidence.models import Document, Excerpt, Indicator, SurveyResponse
from coproduce.frameworks.models import Framework
from coproduce.initiatives.services import initiative_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(cast):
    """An indicator with two periods of figures, a survey, a coded document, an initiative."""
    indicator = services.indicator_save(
        organisation=cast.org,
        by=cast.coordinator,
        details={"name": "Referrals", "unit": "referrals"},
    )
    periods = [
        services.period_create(
            organisation=cast.org,
            by=cast.coordinator,
            label=str(year),
            starts_on=datetime.date(year, 1, 1),
            ends_on=datetime.date(year, 12, 31),
        )
        for year in (2025, 2026)
    ]
    for period, gp in zip(periods, ["40", "30"], strict=True):
        services.observations_replace(
            indicator=indicator,
            period=period,
            by=cast.coordinator,
            dimension="source",
            entries=[services.Entry("GP", gp, ""), services.Entry("Self", "10", "")],
        )
    survey = services.survey_create(
        organisation=cast.org,
        by=cast.coordinator,
        title="Listening survey",
        questions=[{"kind": "agree", "text": "I was listened to."}],
    )
    framework = Framework.objects.get(key="authentic-principles", is_current=True)
    services.codebook_add_framework(organisation=cast.org, by=cast.coordinator, framework=framework)
    document = services.document_add(
        organisation=cast.org,
        by=cast.coordinator,
        title="Forum notes",
        kind="notes",
        text="We trust the team now.\n\nThey listened.\n\nThe room was cold.",
    )
    initiative = initiative_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={"title": "Website", "service_area": "adult_social_care"},
    )
    return {
        "indicator": indicator,
        "periods": periods,
        "survey": survey,
        "document": document,
        "initiative": initiative,
    }


def _pages(setup):
    i, s, d = setup["indicator"].pk, setup["survey"].pk, setup["document"].pk
    a, b = (p.pk for p in setup["periods"])
    base = "/orgs/acme/evidence"
    return {
        "view": [
            f"{base}/",
            f"{base}/indicators/{i}/",
            f"{base}/indicators/{i}/compare/?breakdown=source&a={a}&b={b}",
            f"{base}/outcomes/",
            f"{base}/surveys/",
            f"{base}/surveys/{s}/",
            f"{base}/value/{setup['initiative'].pk}/",
            "/orgs/acme/evidence-pack/",
        ],
        "code": [
            f"{base}/documents/",
            f"{base}/documents/{d}/",
            f"{base}/codebook/",
            f"{base}/themes/",
            f"{base}/agreement/",
        ],
        "manage": [
            f"{base}/indicators/new/",
            f"{base}/indicators/{i}/edit/",
            f"{base}/indicators/{i}/figures/?period={a}&breakdown=source",
            f"{base}/indicators/{i}/import/",
            f"{base}/periods/new/",
            f"{base}/settings/",
            f"{base}/outcomes/new/",
            f"{base}/surveys/new/",
            f"{base}/surveys/{s}/enter/",
            f"{base}/documents/new/",
        ],
    }


EXPECTED = {
    # role: (view, code, manage)
    "admin": (200, 200, 200),
    "coordinator": (200, 200, 200),
    "member": (200, 200, 403),
    "commissioner": (200, 403, 403),
    "reviewer": (403, 403, 403),
    "outsider": (404, 404, 404),
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_sees_what_it_should(cast, client_for, setup, role):
    client = client_for(cast.users()[role])
    pages = _pages(setup)
    for kind, status in zip(("view", "code", "manage"), EXPECTED[role], strict=True):
        for url in pages[kind]:
            assert client.get(url).status_code == status, (role, url)


def test_commissioner_sees_no_transcripts_or_names_in_the_pack(cast, client_for, setup):
    page = client_for(cast.commissioner).get("/orgs/acme/evidence/").content.decode()
    assert "Forum notes" not in page
    assert "Transcripts" not in page


@pytest.mark.parametrize(
    "url",
    [
        "/orgs/acme/evidence/",
        "/orgs/acme/evidence/surveys/",
        "/orgs/acme/evidence/documents/",
        "/orgs/acme/evidence/codebook/",
        "/orgs/acme/evidence/themes/",
        "/orgs/acme/evidence/outcomes/",
    ],
)
def test_list_pages_keep_their_queries_bounded(
    cast, client_for, setup, url, django_assert_max_num_queries
):
    for n in range(20):
        services.indicator_save(
            organisation=cast.org, by=cast.coordinator, details={"name": f"I{n}", "unit": "x"}
        )
        services.document_add(
            organisation=cast.org, by=cast.coordinator, title=f"D{n}", kind="notes", text="Words."
        )
    client = client_for(cast.coordinator)
    with django_assert_max_num_queries(20):
        assert client.get(url).status_code == 200


def test_coding_page_keeps_its_queries_bounded(
    cast, client_for, setup, django_assert_max_num_queries
):
    text = "\n\n".join(f"Passage number {n} about trust." for n in range(60))
    document = services.document_add(
        organisation=cast.org, by=cast.coordinator, title="Long", kind="notes", text=text
    )
    client = client_for(cast.member)
    with django_assert_max_num_queries(20):
        assert client.get(f"/orgs/acme/evidence/documents/{document.pk}/").status_code == 200


def test_coding_with_htmx_answers_the_passage_and_new_counts(cast, client_for, setup):
    excerpt = setup["document"].excerpts.first()
    trust = cast.org.codes.get(name="Trust")
    client = client_for(cast.member)
    response = client.post(
        f"/orgs/acme/evidence/excerpts/{excerpt.pk}/code/",
        {"codes": [str(trust.pk), "not-a-number", "99999999999999999999"]},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="excerpt-{excerpt.pk}"' in html
    assert 'id="theme-counts" hx-swap-oob="true"' in html
    assert 'data-theme="Trust">1<' in html
    assert "Passage 1 saved." in html
    # Without htmx the same form works as a plain post.
    response = client.post(f"/orgs/acme/evidence/excerpts/{excerpt.pk}/code/", {"codes": []})
    assert response.status_code == 302
    assert not excerpt.codings.exists()


def test_no_one_codes_another_organisations_passages(cast, client_for, setup):
    excerpt = setup["document"].excerpts.first()
    response = client_for(cast.outsider).post(
        f"/orgs/other/evidence/excerpts/{excerpt.pk}/code/", {"codes": []}
    )
    assert response.status_code == 404
    response = client_for(cast.outsider).post(
        f"/orgs/acme/evidence/excerpts/{excerpt.pk}/code/", {"codes": []}
    )
    assert response.status_code == 404
    assert not excerpt.reviews.exists()


def test_upload_a_word_file_and_a_pdf(cast, client_for, setup):
    word = docx.Document()
    word.add_paragraph("Asha: The temple felt safe.")
    word.add_paragraph("Ben: I could speak my own language.")
    buffer = io.BytesIO()
    word.save(buffer)
    client = client_for(cast.coordinator)
    response = client.post(
        "/orgs/acme/evidence/documents/new/",
        {
            "title": "Interview",
            "kind": "transcript",
            "file": SimpleUploadedFile("interview.docx", buffer.getvalue()),
        },
    )
    assert response.status_code == 302
    document = Document.objects.get(title="Interview")
    assert [e.text for e in document.excerpts.all()] == [
        "Asha: The temple felt safe.",
        "Ben: I could speak my own language.",
    ]
    from weasyprint import HTML

    pdf = HTML(string="<p>The forum changed the agenda.</p>").write_pdf()
    response = client.post(
        "/orgs/acme/evidence/documents/new/",
        {"title": "Minutes", "kind": "notes", "file": SimpleUploadedFile("m.pdf", pdf)},
    )
    assert response.status_code == 302
    assert "forum changed the agenda" in Document.objects.get(title="Minutes").text


def test_a_file_that_is_not_text_is_refused_and_what_was_typed_stays(cast, client_for, setup):
    client = client_for(cast.coordinator)
    response = client.post(
        "/orgs/acme/evidence/documents/new/",
        {
            "title": "Photo",
            "kind": "notes",
            "file": SimpleUploadedFile("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00"),
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Upload a Word file, a PDF or plain text" in html
    assert 'value="Photo"' in html
    response = client.post(
        "/orgs/acme/evidence/documents/new/",
        {"title": "Scan", "kind": "notes", "file": SimpleUploadedFile("s.pdf", b"%PDF-1.4 junk")},
    )
    assert "could not be read" in response.content.decode()
    assert not Document.objects.filter(title__in=["Photo", "Scan"]).exists()


def test_grid_shows_each_bad_cell_and_keeps_what_was_typed(cast, client_for, setup):
    indicator, period = setup["indicator"], setup["periods"][0]
    client = client_for(cast.coordinator)
    response = client.post(
        f"/orgs/acme/evidence/indicators/{indicator.pk}/figures/",
        {
            "period": period.pk,
            "breakdown": "source",
            "rows": "3",
            "category-1": "GP",
            "value-1": "41",
            "category-2": "Self",
            "value-2": "-3",
            "category-3": "Other",
            "value-3": "2",
            "share-3": "300",
        },
    )
    html = response.content.decode()
    assert "A figure cannot be negative." in html
    assert "The share must be a percentage from 0 to 100" in html
    assert 'value="-3"' in html
    figures = dict(indicator.observations.filter(period=period).values_list("category", "value"))
    assert figures == {"GP": 40, "Self": 10}


def test_import_page_reports_rows(cast, client_for, setup):
    indicator = setup["indicator"]
    client = client_for(cast.coordinator)
    response = client.post(
        f"/orgs/acme/evidence/indicators/{indicator.pk}/import/",
        {"file": SimpleUploadedFile("f.csv", b"period,category,value\n2025,GP,x\n")},
    )
    html = response.content.decode()
    assert "Nothing was saved" in html
    assert "is not a number" in html
    response = client.post(
        f"/orgs/acme/evidence/indicators/{indicator.pk}/import/",
        {
            "file": SimpleUploadedFile(
                "f.csv", b"period,breakdown,category,value\n2025,age,18-25,7\n"
            )
        },
    )
    assert response.status_code == 302
    assert indicator.observations.filter(dimension="age").count() == 1


def test_comparison_page_and_csv(cast, client_for, setup):
    a, b = setup["periods"]
    url = f"/orgs/acme/evidence/indicators/{setup['indicator'].pk}/compare/?breakdown=source&a={a.pk}&b={b.pk}"
    client = client_for(cast.coordinator)
    html = client.get(url).content.decode()
    assert "80.00%" in html
    assert "75.00%" in html
    assert "-5.00" in html
    # A commissioner reads the same figures as whole numbers and words, not statistics.
    plain = client_for(cast.commissioner).get(url).content.decode()
    table = plain.split("<table")[1].split("</table>")[0]
    assert "80.00%" not in table
    assert "×" not in table
    assert "Fold change" not in table
    assert "down 10" in table
    assert "80% → 75%" in table
    response = client_for(cast.commissioner).get(url + "&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "GP,40,80.00,30,75.00,-5.00,0.75" in response.content.decode()


def test_survey_link_takes_answers_without_an_account(cast, client_for, setup):
    survey = setup["survey"]
    client = Client()
    assert client.get(f"/survey/{survey.key}/").status_code == 410  # still being written
    client_for(cast.coordinator).post(
        f"/orgs/acme/evidence/surveys/{survey.pk}/", {"status": "open", "sent_count": "40"}
    )
    question = survey.questions.get()
    response = client.get(f"/survey/{survey.key}/")
    assert response.status_code == 200
    assert "I was listened to." in response.content.decode()
    response = client.post(f"/survey/{survey.key}/", {f"q{question.pk}": "sort of"})
    assert response.status_code == 422
    response = client.post(f"/survey/{survey.key}/", {f"q{question.pk}": "agree"})
    assert "Thank you" in response.content.decode()
    assert SurveyResponse.objects.filter(survey=survey, is_complete=True).count() == 1
    assert client.get("/survey/not-a-key/").status_code == 404
    # Staff read rates to two places; a commissioner reads whole percentages of 20 people
    # or more, and counts of fewer.
    page = f"/orgs/acme/evidence/surveys/{survey.pk}/"
    staff = client_for(cast.coordinator).get(page).content.decode()
    assert "2.50%" in staff
    assert "100.00%" in staff
    plain = client_for(cast.commissioner).get(page).content.decode()
    assert "2.50%" not in plain
    assert "100.00%" not in plain
    assert ">3%<" in plain
    assert "1 of 1 person" in plain


def test_value_page_adds_lines_and_refuses_bad_amounts(cast, client_for, setup):
    url = f"/orgs/acme/evidence/value/{setup['initiative'].pk}/"
    client = client_for(cast.coordinator)
    response = client.post(url, {"form": "cost", "description": "Build", "amount": "75000"})
    assert response.status_code == 302
    response = client.post(
        url,
        {
            "form": "benefit",
            "description": "Fewer calls",
            "amount": "300000",
            "years": "1",
            "kind": "cashable",
            "confidence": "medium",
            "source": "First-year review",
        },
    )
    assert response.status_code == 302
    html = client.get(url).content.decode()
    assert "£4.00" in html
    assert "£75,000" in html
    assert "3.0 months" in html
    response = client.post(
        url, {"form": "cost", "description": "Both", "amount": "5", "hours": "2"}
    )
    assert "Give either an amount, or hours and an hourly rate." in response.content.decode()
    assert client_for(cast.commissioner).post(url, {"form": "cost"}).status_code == 403


def test_indicators_stay_inside_the_organisation(cast, client_for, setup):
    theirs = services.indicator_save(
        organisation=cast.other_org, by=cast.outsider, details={"name": "Theirs", "unit": "x"}
    )
    client = client_for(cast.coordinator)
    assert client.get(f"/orgs/acme/evidence/indicators/{theirs.pk}/").status_code == 404
    assert client.get(f"/orgs/other/evidence/indicators/{theirs.pk}/").status_code == 404
    assert Indicator.objects.filter(organisation=cast.org).count() == 1
    assert Excerpt.objects.filter(organisation=cast.other_org).count() == 0


def test_only_staff_change_surveys_and_the_codebook(cast, client_for, setup):
    member = client_for(cast.member)
    survey = setup["survey"]
    response = member.post(f"/orgs/acme/evidence/surveys/{survey.pk}/", {"status": "open"})
    assert response.status_code == 403
    response = member.post("/orgs/acme/evidence/codebook/", {"form": "code", "name": "Mine"})
    assert response.status_code == 403
    survey.refresh_from_db()
    assert survey.status == "draft"
    assert not cast.org.codes.filter(name="Mine").exists()
