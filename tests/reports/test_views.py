import pytest

from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_member_sees_own_record_link_but_no_summary(client_for, cast):
    response = client_for(cast.member).get("/orgs/acme/")
    assert response.status_code == 200
    assert cast.member_person.get_absolute_url().encode() in response.content
    assert b"people involved" not in response.content


def test_commissioner_sees_summary_without_people_links(client_for, cast):
    response = client_for(cast.commissioner).get("/orgs/acme/")
    assert b"people involved" in response.content
    assert b"/orgs/acme/people/" not in response.content


def test_coordinator_sees_access_needs_to_plan_for(client_for, cast):
    for kind in ("bsl", "bsl", "step_free"):
        PersonFactory(organisation=cast.org).access_needs.create(kind=kind)
    response = client_for(cast.coordinator).get("/orgs/acme/")
    assert response.context["access_needs"] == [
        ("British Sign Language interpreter", 2),
        ("Step-free access", 1),
    ]
    assert response.context["people_count"] == 5


def test_organisation_home_query_count_is_bounded(client_for, cast, django_assert_max_num_queries):
    for _ in range(40):
        PersonFactory(organisation=cast.org).access_needs.create(kind="easy_read")
    client = client_for(cast.admin)
    # The page budget; "what needs you" reads a fixed handful more, whatever the size.
    with django_assert_max_num_queries(20):
        assert client.get("/orgs/acme/").status_code == 200
