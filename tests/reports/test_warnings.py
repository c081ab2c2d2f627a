import datetime

import pytest
from django.utils import timezone

from coproduce.initiatives import services as initiatives
from coproduce.people.models import Person
from coproduce.reports.warnings import initiative_warnings
from coproduce.sessions import services as sessions

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiative(cast):
    return initiatives.initiative_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={"title": "Forum", "service_area": "other"},
    )


def _meetings(cast, initiative, counts, trust_building=True):
    people = list(
        Person.objects.bulk_create(
            Person(organisation=cast.org, preferred_name=f"P{n}") for n in range(max(counts))
        )
    )
    start = timezone.now() - datetime.timedelta(days=30 * len(counts))
    if trust_building:
        sessions.session_create(
            organisation=cast.org,
            by=cast.coordinator,
            initiative=initiative,
            details={
                "title": "Tea",
                "kind": "trust_building",
                "starts_at": start - datetime.timedelta(days=60),
            },
        )
    for n, count in enumerate(counts):
        session = sessions.session_create(
            organisation=cast.org,
            by=cast.coordinator,
            initiative=initiative,
            details={
                "title": "Meeting",
                "kind": "meeting",
                "starts_at": start + datetime.timedelta(days=30 * n),
            },
        )
        sessions.register_save(session=session, by=cast.coordinator, present=people[:count])


def _keys(initiative):
    return {w.key for w in initiative_warnings(initiative)}


def _team(cast, initiative, n):
    for person in Person.objects.bulk_create(
        Person(organisation=cast.org, preferred_name=f"T{i}") for i in range(n)
    ):
        initiatives.team_member_add(
            initiative=initiative, person=person, role="champion", by=cast.coordinator
        )


def test_falling_attendance_from_thirty_to_under_ten(cast, initiative):
    _team(cast, initiative, 3)
    _meetings(cast, initiative, [30, 28, 25, 15, 10, 9])
    warnings = initiative_warnings(initiative)
    assert [w.key for w in warnings] == ["attendance"]
    assert "from about 28 to about 11" in warnings[0].message


def test_steady_attendance_does_not_warn(cast, initiative):
    _team(cast, initiative, 3)
    _meetings(cast, initiative, [12, 11, 13, 12, 12, 11])
    assert _keys(initiative) == set()


def test_small_team_champion_left_and_no_trust_building(cast, initiative):
    _meetings(cast, initiative, [5], trust_building=False)
    champion = initiatives.team_member_add(
        initiative=initiative, person=cast.coproducer, role="champion", by=cast.coordinator
    )
    initiatives.team_member_leave(member=champion, by=cast.coordinator)
    assert _keys(initiative) == {"dependency", "champion", "trust"}


def test_warnings_panel_is_a_fragment_for_htmx_and_a_page_without(cast, client_for, initiative):
    client = client_for(cast.coordinator)
    url = f"/orgs/acme/initiatives/{initiative.pk}/warnings/"
    fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert fragment.lstrip().startswith("<section") or "<html" not in fragment
    page = client.get(url).content.decode()
    assert "<html" in page
    assert "Early warnings" in page
    assert client_for(cast.member).get(url).status_code == 403
    assert client_for(cast.outsider).get(url).status_code == 404


def test_an_empty_team_is_said_in_words_not_as_zero_people(cast, initiative):
    """Found from outside: "This work depends on 0 people"."""
    [warning] = [w for w in initiative_warnings(initiative) if w.key == "dependency"]
    assert warning.message == "Nobody is named on the team yet. Who is doing this work?"
    member = initiatives.team_member_add(
        initiative=initiative, person=cast.coproducer, role="champion", by=cast.coordinator
    )
    initiatives.team_member_leave(member=member, by=cast.coordinator)
    [warning] = [w for w in initiative_warnings(initiative) if w.key == "dependency"]
    assert warning.message == "Everyone on the team has left. Who is carrying this work on?"
    assert all("0 people" not in w.message for w in initiative_warnings(initiative))
