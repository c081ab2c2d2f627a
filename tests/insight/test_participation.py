"""Who takes part (issue 20): counts by group from consented information only, rounded
and with small groups hidden, beside the area's figures, with the gaps in words."""

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from coproduce.insight import queries
from coproduce.insight.services import reference_set
from coproduce.people.models import ConsentPurpose
from coproduce.people.services import consent_record, consent_withdraw, special_category_save
from coproduce.sessions.services import register_save, session_create
from tests.factories import PersonFactory

URL = "/orgs/acme/who-takes-part/"


def _people(cast: Any, n: int, ethnicity: str, spoke: bool = False) -> list[Any]:
    people = []
    for _ in range(n):
        person = PersonFactory(organisation=cast.org)
        consent_record(
            person=person,
            purpose=ConsentPurpose.SPECIAL_CATEGORY,
            given_on=datetime.date(2026, 1, 5),
            by=cast.coordinator,
        )
        special_category_save(person=person, by=cast.coordinator, values={"ethnicity": ethnicity})
        people.append(person)
    return people


def _came(cast: Any, people: list[Any], spoke: list[Any] | None = None) -> None:
    session = session_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={"title": "Forum", "kind": "forum", "starts_at": timezone.now(), "hours": 2},
    )
    register_save(session=session, by=cast.coordinator, present=people)
    if spoke:
        from coproduce.sessions.models import Attendance

        Attendance.objects.filter(session=session, person__in=spoke).update(spoke=True)


def test_counts_come_from_consented_information_rounded_with_small_groups_hidden(cast):
    white = _people(cast, 12, "white")
    black = _people(cast, 3, "black")
    _came(cast, white + black, spoke=white[:6])
    today = timezone.localdate()
    found = queries.participation(cast.org, today - datetime.timedelta(days=30), today)
    ethnicity = next(
        t for t in found.tables if t.activity == "took_part" and t.dimension == "ethnicity"
    )
    by_group = {row.category: row for row in ethnicity.rows}
    assert by_group["white"].count.value == 10  # 12, to the nearest 5
    assert by_group["black"].count.hidden  # 3: "fewer than 5"
    assert by_group["asian"].count.value == 0
    assert ethnicity.total.value == 15
    assert by_group["white"].share == 67  # 10 of 15, from the published counts only
    assert by_group["black"].share is None
    spoke_tables = queries.participation(
        cast.org, today - datetime.timedelta(days=30), today, "spoke"
    ).tables
    spoke = next(t for t in spoke_tables if t.dimension == "ethnicity")
    assert {row.category: row.count.value for row in spoke.rows}["white"] == 5
    # Someone who withdraws their agreement stops being counted by group at once.
    consent_withdraw(consent=white[0].consents.get(), by=cast.coordinator)
    found = queries.participation(cast.org, today - datetime.timedelta(days=30), today)
    ethnicity = next(
        t for t in found.tables if t.activity == "took_part" and t.dimension == "ethnicity"
    )
    assert ethnicity.not_recorded.hidden  # one person, now not recorded


def test_the_page_names_the_gap_and_hides_small_groups(cast, client_for):
    _came(cast, _people(cast, 20, "white") + _people(cast, 2, "black"))
    reference_set(
        organisation=cast.org,
        by=cast.coordinator,
        source="Census 2021, Acme",
        shares={("ethnicity", "white"): Decimal("70"), ("ethnicity", "black"): Decimal("12")},
    )
    page = client_for(cast.commissioner).get(URL).content.decode()
    assert (
        "Black, Black British, Caribbean or African: 12% of the area, and fewer than 5 of those taking part."
        in page
    )
    assert "fewer than 5" in page
    # The chart keeps its table: the same shares, drawn from the data beside it.
    assert 'id="chart-took-part-ethnicity"' in page
    assert 'id="chart-took-part-ethnicity-data"' in page
    assert "The area's figures come from Census 2021, Acme." in page
    # Nobody's name is on the page, and a co-producer cannot see it at all.
    assert client_for(cast.member).get(URL).status_code == 403
    assert client_for(cast.outsider).get(URL).status_code == 404


def test_bad_input_is_refused_naming_the_field(cast, client_for):
    client = client_for(cast.coordinator)
    bad = client.get(URL, {"since-day": "31", "since-month": "2", "since-year": "2026"})
    assert bad.status_code == 400
    assert "Enter a real date." in bad.content.decode()
    # A start after today with no end: the end defaults to today, and is then checked.
    later = client.get(URL, {"since-day": "1", "since-month": "1", "since-year": "2099"})
    assert later.status_code == 400
    assert "The end must be on or after the start." in later.content.decode()
    odd = client.get(URL, {"activity": "sang"})
    assert odd.status_code == 400
    assert "Choose what to show from the list." in odd.content.decode()
    area = "/orgs/acme/who-takes-part/area/"
    refused = client.post(area, {"source": "Census", "ethnicity__white": "101"})
    assert refused.status_code == 400
    assert "Enter a percentage from 0 to 100." in refused.content.decode()
    too_much = client.post(
        area, {"source": "Census", "ethnicity__white": "80", "ethnicity__black": "30"}
    )
    assert too_much.status_code == 400
    assert "add up to more than 100%" in too_much.content.decode()
    assert client_for(cast.commissioner).post(area, {"source": "x"}).status_code == 403
    saved = client.post(area, {"source": "Census", "ethnicity__white": "80"})
    assert saved.status_code == 302


def test_shares_are_of_the_people_whose_information_is_recorded(cast):
    recorded = _people(cast, 10, "black")
    unrecorded = [PersonFactory(organisation=cast.org) for _ in range(10)]
    _came(cast, recorded + unrecorded)
    today = timezone.localdate()
    found = queries.participation(cast.org, today - datetime.timedelta(days=30), today)
    ethnicity = next(t for t in found.tables if t.dimension == "ethnicity")
    black = next(row for row in ethnicity.rows if row.category == "black")
    assert (ethnicity.total.value, ethnicity.not_recorded.value) == (20, 10)
    assert black.share == 100  # not 50: the ten not recorded are not known to be missing


def test_the_mix_is_shown_quarter_by_quarter(cast, client_for):
    white = _people(cast, 10, "white")
    black = _people(cast, 5, "black")
    earlier = session_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={
            "title": "Forum",
            "kind": "forum",
            "starts_at": timezone.now() - datetime.timedelta(days=100),
            "hours": 2,
        },
    )
    register_save(session=earlier, by=cast.coordinator, present=white)
    _came(cast, white[:5] + black)
    today = timezone.localdate()
    found = queries.participation(cast.org, today - datetime.timedelta(days=200), today)
    trend = found.trend
    assert trend is not None
    assert len(trend.quarters) == 2
    shares = {label: values for label, values, _area in trend.rows}
    assert shares["White"] == [100, 50]
    assert shares["Black, Black British, Caribbean or African"] == [0, 50]
    assert [count.value for count in trend.recorded] == [10, 10]
    page = client_for(cast.commissioner).get(URL, {"over_time": "age_band"})
    assert page.status_code == 200
    assert "Quarter by quarter: age" in page.content.decode()
    wrong = client_for(cast.commissioner).get(URL, {"over_time": "shoe_size"})
    assert wrong.status_code == 400
    assert "Choose a group from the list." in wrong.content.decode()


def test_one_initiatives_sessions_and_team(cast, client_for):
    from coproduce.initiatives.services import initiative_create

    carers = initiative_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={"title": "Carers' breaks", "service_area": "adult_social_care"},
    )
    inside = _people(cast, 6, "black")
    session = session_create(
        organisation=cast.org,
        by=cast.coordinator,
        initiative=carers,
        details={"title": "Breaks", "kind": "forum", "starts_at": timezone.now(), "hours": 2},
    )
    register_save(session=session, by=cast.coordinator, present=inside)
    _came(cast, _people(cast, 10, "white"))  # the organisation's other work
    today = timezone.localdate()
    since = today - datetime.timedelta(days=30)
    alone = queries.participation(cast.org, since, today, initiative=carers)
    ethnicity = next(t for t in alone.tables if t.dimension == "ethnicity")
    assert ethnicity.total.value == 5  # 6 people, rounded
    assert {row.category: row.share for row in ethnicity.rows}["black"] == 100
    everything = queries.participation(cast.org, since, today)
    assert next(t for t in everything.tables if t.dimension == "ethnicity").total.value == 15
    page = client_for(cast.coordinator).get(URL, {"initiative": carers.pk})
    assert "Only the sessions and team of Carers&#x27; breaks." in page.content.decode()
    other = client_for(cast.coordinator).get(URL, {"initiative": 999999})
    assert other.status_code == 400


def test_the_areas_figures_show_as_soon_as_they_are_saved(cast, client_for):
    """The page's figures are kept for 10 minutes; saving the area's figures must not
    leave it showing the figures from before."""
    _came(cast, _people(cast, 20, "white"))
    coordinator = client_for(cast.coordinator)
    assert "Who is missing" not in coordinator.get(URL).content.decode()
    saved = coordinator.post(
        f"{URL}area/", {"source": "Census 2021", "ethnicity__black": "20", "ethnicity__white": "80"}
    )
    assert saved.status_code == 302
    assert "Who is missing" in coordinator.get(URL).content.decode()
