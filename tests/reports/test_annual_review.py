"""The annual co-production review (issue 20): a draft assembled from the year's records,
written by staff and co-producers together without losing anyone's words, published as a
page, a tagged PDF and a spreadsheet, with every figure equal to the query behind it."""

import datetime
import io

import pytest
from django.db.models import Sum
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from coproduce.core.models import AuditEvent
from coproduce.demo.services import demo_load
from coproduce.influence.models import InfluenceItem, ItemStatus
from coproduce.insight import network
from coproduce.insight import queries as insight
from coproduce.library.models import CaseStatus, CaseStudy
from coproduce.recognition.models import Award, AwardStatus
from coproduce.reports import annual, services
from coproduce.reports.models import AnnualReview, SectionKey
from coproduce.sessions.services import register_save, session_create
from tests.factories import PersonFactory
from tests.pdfcheck import assert_accessible_pdf, get_pdf

THIS_YEAR = (
    timezone.localdate().year if timezone.localdate().month >= 4 else timezone.localdate().year - 1
)


def _figures(review: AnnualReview) -> dict[str, annual.Figure]:
    return {f.key: f for s in annual.sections_of(review) for f in s.figures}


def _came(cast, people: int) -> None:
    session = session_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={"title": "Forum", "kind": "forum", "starts_at": timezone.now(), "hours": 2},
    )
    register_save(
        session=session,
        by=cast.coordinator,
        present=[PersonFactory(organisation=cast.org) for _ in range(people)],
    )


def test_staff_start_a_draft_whose_figures_come_from_the_records(cast, client_for):
    _came(cast, 7)
    page = client_for(cast.coordinator).post("/orgs/acme/annual-review/", {"year": THIS_YEAR})
    assert page.status_code == 302
    review = AnnualReview.objects.get(organisation=cast.org, year=THIS_YEAR)
    figures = _figures(review)
    assert figures["sessions"].value == 1
    assert figures["people"].shown == "5"  # 7 people, to the nearest 5
    assert figures["hours"].shown == "14"
    words = {s.key: s.text for s in annual.sections_of(review)}
    assert words[SectionKey.DID] == "This year we held 1 sessions, and 5 people came."
    assert AuditEvent.objects.filter(organisation=cast.org, action="review.start").exists()

    again = client_for(cast.coordinator).post("/orgs/acme/annual-review/", {"year": THIS_YEAR})
    assert again.status_code == 400
    assert "There is already a review of that year." in again.content.decode()
    wrong = client_for(cast.coordinator).post("/orgs/acme/annual-review/", {"year": "soon"})
    assert wrong.status_code == 400
    assert "Enter the year the review starts, like 2025." in wrong.content.decode()
    assert (
        client_for(cast.member).post("/orgs/acme/annual-review/", {"year": 2020}).status_code == 403
    )


def test_who_may_see_and_write_a_draft(cast, client_for):
    review = services.review_start(organisation=cast.org, year=THIS_YEAR, by=cast.coordinator)
    url = review.get_absolute_url()
    assert client_for(cast.member).get(url).status_code == 200
    assert client_for(cast.commissioner).get(url).status_code == 200
    assert client_for(cast.reviewer).get(url).status_code == 403
    assert client_for(cast.outsider).get(url).status_code == 404
    from django.test import Client

    assert Client().get(url).status_code == 302  # to sign in
    edit = f"{url}did/"
    assert client_for(cast.commissioner).get(edit).status_code == 403
    saved = client_for(cast.member).post(edit, {"text": "We met every month.", "version": 1})
    assert saved.status_code == 302
    assert annual.sections_of(review)[0].text == "We met every month."
    assert client_for(cast.member).post(f"{url}publish/").status_code == 403
    assert client_for(cast.member).get(f"{url}nonsense/").status_code == 404


def test_two_people_writing_the_same_part_never_lose_their_words(cast, client_for):
    review = services.review_start(organisation=cast.org, year=THIS_YEAR, by=cast.coordinator)
    edit = f"{review.get_absolute_url()}changed/"
    # Both open the part at version 1; the co-producer saves first.
    client_for(cast.member).post(edit, {"text": "The bus stop moved.", "version": 1})
    late = client_for(cast.coordinator).post(
        edit, {"text": "Letters are now in easy read.", "version": 1}
    )
    assert late.status_code == 409
    text = late.content.decode()
    assert "The bus stop moved." in text  # what the other person saved, shown
    assert "Letters are now in easy read." in text  # their own words, still in the box
    assert annual.sections_of(review)[2].text == "The bus stop moved."
    # Saving again from the page that came back (it carries the new version) works.
    merged = client_for(cast.coordinator).post(
        edit, {"text": "The bus stop moved. Letters are in easy read.", "version": 2}
    )
    assert merged.status_code == 302
    assert annual.sections_of(review)[2].text == "The bus stop moved. Letters are in easy read."
    too_long = client_for(cast.member).post(edit, {"text": "x" * 20_001, "version": 3})
    assert too_long.status_code == 400
    assert "Keep this part under 20,000 characters." in too_long.content.decode()


def test_a_published_review_is_for_everyone_and_stays_as_published(cast, client_for):
    _came(cast, 6)
    review = services.review_start(organisation=cast.org, year=THIS_YEAR, by=cast.coordinator)
    assert (
        client_for(cast.coordinator).post(f"{review.get_absolute_url()}publish/").status_code == 302
    )
    review.refresh_from_db()
    assert review.is_published
    _came(cast, 10)  # after publishing: the published figures do not move
    from django.test import Client

    page = Client().get(review.get_absolute_url())
    assert page.status_code == 200
    assert _figures(review)["sessions"].value == 1
    with pytest.raises(Exception, match="published"):
        services.section_save(
            review=review, key="did", text="Later", version=1, by=cast.coordinator
        )
    refreshed = client_for(cast.coordinator).post(f"{review.get_absolute_url()}refresh/")
    assert refreshed.status_code == 302
    review.refresh_from_db()
    assert _figures(review)["sessions"].value == 1


def test_the_demo_networks_review_as_a_tagged_pdf_and_a_spreadsheet(
    db, tmp_path, settings, client_for
):
    """Must show: every section present, and each figure equal to the query behind it."""
    settings.VAR_DIR = tmp_path
    demo_load(password="a long test password 42")
    from coproduce.core.models import Organisation, User

    wandle = Organisation.objects.get(slug="wandle-cen")
    coordinator = User.objects.get(email="coordinator@example.org")
    review = services.review_start(organisation=wandle, year=2026, by=coordinator)
    since, until = datetime.date(2026, 4, 1), datetime.date(2027, 3, 31)
    scope = network.network_scope(wandle)
    rolled = network.rollup(scope, since, until)
    took_part = insight.participation(wandle, since, until, members=scope.counted[1:])
    ethnicity = next(t for t in took_part.tables if t.dimension == "ethnicity")
    figures = _figures(review)
    named = [wandle, *scope.named]
    assert figures["sessions"].value == rolled.total.sessions > 0
    assert figures["people"].value == rolled.total.published_people.value
    assert figures["took_part"].value == ethnicity.total.value
    assert figures["changed"].value == rolled.total.changed
    assert figures["credits"].value == (
        Award.objects.filter(
            organisation__in=scope.counted,
            status=AwardStatus.APPROVED,
            method="time_credits",
            happened_on__range=(since, until),
        ).aggregate(total=Sum("amount"))["total"]
        or 0
    )
    assert (
        figures["stories"].value
        == CaseStudy.objects.filter(
            organisation__in=named,
            status=CaseStatus.PUBLISHED,
            published_at__date__range=(since, until),
        ).count()
    )
    assert (
        figures["raised"].value
        == InfluenceItem.objects.filter(
            organisation__in=scope.counted, raised_on__range=(since, until)
        ).count()
    )
    assert figures["score"].value["mean"] == rolled.rows[0].score.mean
    sections = annual.sections_of(review)
    assert sections[1].gaps  # the demo network has a visible gap
    assert InfluenceItem.objects.filter(organisation=wandle, status=ItemStatus.CHANGED).exists()

    client = client_for(coordinator)
    pdf = get_pdf(client, review.get_absolute_url(), {"format": "pdf"})
    reader = assert_accessible_pdf(pdf.content)
    text = " ".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split()).replace("- ", "-")  # words broken at a hyphen
    for section in sections:
        assert section.heading in flat, section.heading
        for figure in section.figures:
            assert f"{figure.label} {figure.shown}" in flat, (figure.label, figure.shown)
    assert "Wandle Community Empowerment Network" in str(
        PdfReader(io.BytesIO(pdf.content)).metadata.title
    )

    sheet = client.get(review.get_absolute_url(), {"format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True))
    by_label = {row[1]: row for row in rows[2:] if row[1]}
    for section in sections:
        for figure in section.figures:
            assert by_label[figure.label][2] == figure.shown
            assert by_label[figure.label][3] == figure.source
