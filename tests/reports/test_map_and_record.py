import pytest
from django.utils import timezone

from coproduce.influence import services as influence
from coproduce.initiatives import services as initiatives
from coproduce.sessions import services as sessions

pytestmark = pytest.mark.django_db


def _initiative(cast, title, cos):
    initiative = initiatives.initiative_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={"title": title, "service_area": "other"},
    )
    for co in cos:
        sessions.session_create(
            organisation=cast.org,
            by=cast.coordinator,
            initiative=initiative,
            details={"title": "S", "kind": "meeting", "co": co, "starts_at": timezone.now()},
        )
    return initiative


def test_map_counts_sessions_by_co_and_names_the_gaps(cast, client_for):
    _initiative(cast, "Peer support", ["co-delivery", "co-delivery", "co-design"])
    _initiative(cast, "Forum", ["co-design"])
    response = client_for(cast.coordinator).get("/orgs/acme/map/")
    result = response.context["map"]
    assert [(r.initiative.title, r.counts) for r in result.rows] == [
        ("Forum", [0, 1, 0, 0]),
        ("Peer support", [0, 1, 2, 0]),
    ]
    assert result.totals == [0, 2, 2, 0]
    content = response.content.decode()
    assert "No co-commissioning anywhere yet." in content
    assert "No co-assessment anywhere yet." in content
    assert "Peer support has co-delivery but no co-assessment" in content


def test_map_is_for_staff_and_viewers_and_stays_in_the_organisation(cast, client_for):
    assert client_for(cast.commissioner).get("/orgs/acme/map/").status_code == 200
    assert client_for(cast.member).get("/orgs/acme/map/").status_code == 403
    assert client_for(cast.outsider).get("/orgs/acme/map/").status_code == 404


def test_involvement_record_for_the_person_and_their_coordinator(cast, client_for):
    session = sessions.session_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={"title": "Forum", "kind": "forum", "hours": 2, "starts_at": timezone.now()},
    )
    sessions.register_save(session=session, by=cast.coordinator, present=[cast.member_person])
    item = influence.item_create(
        organisation=cast.org,
        by=cast.coordinator,
        people=[cast.member_person],
        details={"title": "Later meetings", "addressed_to": "Trust"},
    )
    influence.item_set_status(
        item=item, by=cast.coordinator, status="changed", response="Meetings now start at 6pm."
    )
    url = f"/orgs/acme/people/{cast.member_person.pk}/involvement/"
    own = client_for(cast.member).get(url)
    assert own.status_code == 200
    content = own.content.decode()
    # Their own record speaks to them, not about them.
    assert "You came to 1 session and gave 2 hours." in content
    assert "What you raised, and what happened" in content
    assert "Meetings now start at 6pm." in content
    staff_page = client_for(cast.coordinator).get(url).content.decode()
    assert "1 session, 2 hours given." in staff_page
    assert "What they raised" in staff_page
    download = client_for(cast.coordinator).get(url, {"format": "csv"}).content.decode()
    assert "Forum" in download
    assert "Later meetings" in download
    assert (
        client_for(cast.member)
        .get(f"/orgs/acme/people/{cast.coproducer.pk}/involvement/")
        .status_code
        == 403
    )
    assert client_for(cast.outsider).get(url).status_code == 404


def test_ladder_summary_shows_how_much_is_real_co_production(cast, client_for):
    for rung in ("consultation", "consultation", "co-production", "informing"):
        sessions.session_create(
            organisation=cast.org,
            by=cast.coordinator,
            details={"title": "S", "kind": "meeting", "rung": rung, "starts_at": timezone.now()},
        )
    ladder = client_for(cast.coordinator).get("/orgs/acme/map/").context["ladder"]
    shares = {str(row["rung"]): row["share"] for row in ladder}
    assert shares["Consultation"] == 0.5
    assert shares["Co-production"] == 0.25
    assert shares["Co-design"] == 0


def test_coverage_counts_sessions_and_records_sub_types(cast, client_for):
    from coproduce.frameworks.models import FrameworkItem
    from coproduce.initiatives.models import CoverageClaim

    initiative = _initiative(cast, "Peer support", ["co-delivery", "co-delivery"])
    client = client_for(cast.coordinator)
    url = f"/orgs/acme/initiatives/{initiative.pk}/coverage/"
    rows = client.get(url).context["rows"]
    assert [(r["item"].key, r["sessions"]) for r in rows] == [
        ("co-commissioning", 0),
        ("co-design", 0),
        ("co-delivery", 2),
        ("co-assessment", 0),
    ]
    performing = FrameworkItem.objects.get(
        framework__key="four-cos", framework__is_current=True, key="co-performing"
    )
    ladder_item = FrameworkItem.objects.get(
        framework__key="ladder", framework__is_current=True, key="co-design"
    )
    save = f"/orgs/acme/initiatives/{initiative.pk}/coverage/save/"
    # Only items of the four Co's framework can be chosen: anything else saves nothing.
    refused = client.post(save, {"items": [str(performing.pk), str(ladder_item.pk)]}, follow=True)
    assert "Choose from the four Co" in refused.content.decode()
    assert not CoverageClaim.objects.exists()
    client.post(save, {"items": [str(performing.pk)]})
    assert list(CoverageClaim.objects.values_list("item__key", flat=True)) == ["co-performing"]
    assert client_for(cast.commissioner).post(save, {"items": []}).status_code == 403
    # A commissioner reads it as a summary, not a greyed-out form they cannot use.
    summary = client_for(cast.commissioner).get(url).content.decode()
    assert "<form" not in summary.split('id="main-content"')[-1]
    assert "disabled" not in summary
    assert "Co-performing" in summary
    assert "2 sessions" in summary
    assert client.get(save).status_code == 405
    assert client_for(cast.outsider).get(url).status_code == 404


def test_involvement_record_shows_recognition_to_staff(cast, client_for):
    import datetime
    from decimal import Decimal

    from coproduce.recognition import queries as recognition_queries
    from coproduce.recognition import services as recognition

    for method, amount in (("time_credits", 4), ("payment", 3000)):
        recognition.award_create(
            organisation=cast.org,
            by=cast.coordinator,
            person=cast.member_person,
            description="Panel",
            happened_on=datetime.date(2026, 10, 1),
            hours=Decimal("2"),
            method=method,
            amount=amount,
        )
    recognition.awards_approve(
        organisation=cast.org,
        by=cast.coordinator,
        awards=recognition_queries.awards_in(cast.org),
    )
    url = f"/orgs/acme/people/{cast.member_person.pk}/involvement/"
    staff = client_for(cast.coordinator).get(url).content.decode()
    assert "Recognised with 4 time credits and £30.00 in payments and vouchers." in staff
    own = client_for(cast.member).get(url).content.decode()
    assert "Recognised with" not in own
    assert "You were thanked with 4 time credits and £30.00 in payments and vouchers." in own


def test_involvement_record_in_easy_read_and_as_tagged_pdfs(cast, client_for):
    from coproduce.people.models import AccessNeed
    from tests.pdfcheck import assert_accessible_pdf, get_pdf

    AccessNeed.objects.create(person=cast.member_person, kind="easy_read")
    starts = timezone.make_aware(timezone.datetime(2026, 10, 6, 10, 0))
    session = sessions.session_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={"title": "Forum", "kind": "forum", "hours": 2, "starts_at": starts},
    )
    sessions.register_save(session=session, by=cast.coordinator, present=[cast.member_person])
    influence.item_create(
        organisation=cast.org,
        by=cast.coordinator,
        people=[cast.member_person],
        details={"title": "Later meetings", "addressed_to": "Trust"},
    )
    url = f"/orgs/acme/people/{cast.member_person.pk}/involvement/"
    page = client_for(cast.member).get(url).content.decode()
    for said in (
        "You came to 1 session.",
        "You gave 2 hours of your time.",
        "Tuesday 6 October 2026: Forum.",
        "You said: Later meetings",
        "We are still working on it.",
    ):
        assert f"<span>{said}</span>" in page
    assert 'src="/static/pictures/calendar.svg" alt=""' in page
    # Staff read the full record, and can print the easy read one for the person.
    staff = client_for(cast.coordinator)
    assert "Involvement record" in staff.get(url).content.decode()
    easy_pdf = get_pdf(staff, url, {"format": "pdf", "version": "easy"})
    assert easy_pdf["Content-Disposition"].endswith(
        f'involvement-easy-read-{cast.member_person.pk}.pdf"'
    )
    assert_accessible_pdf(easy_pdf.content, "en")
    full_pdf = get_pdf(staff, url, {"format": "pdf", "version": "full"})
    assert full_pdf["Content-Disposition"].endswith(f'involvement-{cast.member_person.pk}.pdf"')
    assert_accessible_pdf(full_pdf.content, "en")
