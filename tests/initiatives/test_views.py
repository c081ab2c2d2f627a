import pytest
from django.test import Client

from coproduce.core.services import api_token_create
from coproduce.initiatives import services
from coproduce.initiatives.models import Initiative

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiative(cast):
    return services.initiative_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={
            "title": "Family therapy with faith leaders",
            "service_area": "mental_health",
            "planning": "shared",
            "delivery": "shared",
        },
    )


def test_coordinator_starts_an_initiative_with_the_form(cast, client_for):
    client = client_for(cast.coordinator)
    response = client.post(
        "/orgs/acme/initiatives/new/",
        {
            "title": "Wellbeing group",
            "service_area": "public_health",
            "status": "active",
            "planning": "community",
            "delivery": "shared",
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Community delivery with little professional input" in page
    assert "Map it" in page


def test_form_errors_are_summarised(cast, client_for):
    response = client_for(cast.coordinator).post(
        "/orgs/acme/initiatives/new/",
        {"title": "", "starts_on": "2026-05-01", "ends_on": "2026-04-01"},
    )
    content = response.content.decode()
    assert 'href="#id_title"' in content
    assert 'href="#id_service_area"' in content


def test_detail_shows_full_co_production(cast, client_for, initiative):
    page = client_for(cast.member).get(initiative.get_absolute_url()).content.decode()
    assert "Full co-production" in page


def test_stakeholder_grid_warns_about_people_left_out(cast, client_for, initiative):
    client = client_for(cast.coordinator)
    url = f"/orgs/acme/initiatives/{initiative.pk}/stakeholders/"
    client.post(
        url,
        {
            "name": "Local mosque committee",
            "high_power": "False",
            "high_influence": "True",
            "attitude": "unknown",
        },
    )
    page = client.get(url).content.decode()
    assert "Left out, they may turn against the work" in page
    assert "Local mosque committee" in page


def test_priority_matrix_places_activities(cast, client_for, initiative):
    client = client_for(cast.coordinator)
    url = f"/orgs/acme/initiatives/{initiative.pk}/priorities/"
    client.post(url, {"title": "Sessions at the church", "impact": "4", "effort": "1"})
    client.post(
        url, {"title": "New building", "impact": "2", "effort": "4", "significant_spend": "on"}
    )
    matrix = client.get(url).context["matrix"]
    assert [p.title for p in matrix[0]["items"]] == ["Sessions at the church"]
    assert matrix[3]["quadrant"].title == "Hard slog"
    assert [p.title for p in matrix[3]["items"]] == ["New building"]


def test_charter_written_then_shown(cast, client_for, initiative):
    client = client_for(cast.coordinator)
    url = f"/orgs/acme/initiatives/{initiative.pk}/charter/"
    client.post(
        url,
        {
            "roles": "Co-chairs: one from the church, one from the trust",
            "voluntariness": "Taking part is always your choice.",
        },
    )
    page = client_for(cast.member).get(url).content.decode()
    assert "Taking part is always your choice." in page


def test_roles_and_tenancy(cast, client_for, initiative):
    assert (
        client_for(cast.member)
        .get(f"/orgs/acme/initiatives/{initiative.pk}/stakeholders/")
        .status_code
        == 403
    )
    assert (
        client_for(cast.member)
        .post(f"/orgs/acme/initiatives/{initiative.pk}/charter/", {"roles": "x"})
        .status_code
        == 403
    )
    assert client_for(cast.reviewer).get("/orgs/acme/initiatives/").status_code == 403
    outsider = client_for(cast.outsider)
    for url in (
        initiative.get_absolute_url(),
        f"{initiative.get_absolute_url()}edit/",
        f"{initiative.get_absolute_url()}stakeholders/",
        f"{initiative.get_absolute_url()}priorities/",
        f"{initiative.get_absolute_url()}charter/",
        f"/orgs/other/initiatives/{initiative.pk}/",
    ):
        assert outsider.get(url).status_code == 404, url
    api = Client(HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=cast.outsider).token}")
    assert api.get(f"/api/v1/orgs/acme/initiatives/{initiative.pk}").status_code == 404
    assert api.get(f"/api/v1/orgs/other/initiatives/{initiative.pk}").status_code == 404


def test_api_round_trip(cast, initiative):
    api = Client(HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=cast.coordinator).token}")
    body = api.get(f"/api/v1/orgs/acme/initiatives/{initiative.pk}").json()
    assert body["bovaird_cell"] == "full-co-production"
    changed = api.patch(
        f"/api/v1/orgs/acme/initiatives/{initiative.pk}",
        {"delivery": "professional"},
        content_type="application/json",
    ).json()
    assert changed["bovaird_cell"] == "professional-delivery-of-co-design"
    added = api.post(
        f"/api/v1/orgs/acme/initiatives/{initiative.pk}/stakeholders",
        {"name": "Carers' forum", "high_power": False, "high_influence": True},
        content_type="application/json",
    )
    assert added.status_code == 201
    assert added.json()["left_out_warning"] is True
    bad = api.post(
        f"/api/v1/orgs/acme/initiatives/{initiative.pk}/priorities",
        {"title": "X", "impact": 5, "effort": 1, "significant_spend": 0},
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} == {"impact", "significant_spend"}
    listing = api.get("/api/v1/orgs/acme/initiatives", {"service_area": "mental_health"}).json()
    assert [i["id"] for i in listing] == [initiative.pk]
    assert Initiative.objects.count() == 1


def test_list_query_count_is_bounded(cast, client_for, django_assert_max_num_queries):
    for n in range(30):
        services.initiative_create(
            organisation=cast.org,
            by=cast.coordinator,
            details={"title": f"Initiative {n}", "service_area": "other"},
        )
    client = client_for(cast.coordinator)
    with django_assert_max_num_queries(10):
        assert client.get("/orgs/acme/initiatives/").status_code == 200
