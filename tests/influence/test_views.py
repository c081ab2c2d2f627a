import pytest
from django.test import Client

from coproduce.core.services import api_token_create
from coproduce.influence import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(cast):
    return services.item_create(
        organisation=cast.org,
        by=cast.coordinator,
        people=[cast.coproducer],
        details={
            "title": "Travel money comes too late",
            "addressed_to": "The network",
            "raised_by_group": "Regional forum",
            "is_public": True,
        },
    )


def test_coordinator_records_and_answers_through_the_pages(cast, client_for):
    client = client_for(cast.coordinator)
    response = client.post(
        "/orgs/acme/you-said-we-did/new/",
        {
            "title": "Agendas arrive too late",
            "addressed_to": "The trust",
            "people": [cast.coproducer.pk],
            "raised_on": "2026-10-01",
        },
    )
    assert response.status_code == 302
    detail = response["Location"]
    response = client.post(detail, {"status": "not_changed"})
    assert "Say why it was not changed" in response.content.decode()
    response = client.post(
        detail, {"status": "changed", "response": "Agendas go out a week before."}
    )
    assert response.status_code == 302
    to_tell = client.get("/orgs/acme/messages/").content.decode()
    assert "Agendas go out a week before." in to_tell
    assert "Noor" in to_tell


def test_public_board_shows_public_items_without_names(client, cast, item):
    services.item_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={"title": "Private matter", "addressed_to": "X", "raised_by_group": "Y"},
    )
    services.item_set_status(
        item=item, by=cast.coordinator, status="changed", response="Travel is now paid up front."
    )
    page = client.get("/public/acme/you-said-we-did/").content.decode()
    assert "Travel money comes too late" in page
    assert "Travel is now paid up front." in page
    assert "Private matter" not in page
    assert "Noor" not in page


def test_members_read_but_only_staff_change(cast, client_for, item):
    member = client_for(cast.member)
    assert member.get("/orgs/acme/you-said-we-did/").status_code == 200
    page = member.get(item.get_absolute_url()).content.decode()
    assert "Noor" not in page  # names of who raised it are for staff
    assert member.post(item.get_absolute_url(), {"status": "acknowledged"}).status_code == 403
    assert member.get("/orgs/acme/messages/").status_code == 403


def test_other_organisation_gets_404(cast, client_for, item):
    outsider = client_for(cast.outsider)
    for url in (
        item.get_absolute_url(),
        "/orgs/acme/you-said-we-did/",
        f"/orgs/other/you-said-we-did/{item.pk}/",
    ):
        assert outsider.get(url).status_code == 404, url
    api = Client(HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=cast.outsider).token}")
    assert api.get(f"/api/v1/orgs/acme/influence/{item.pk}").status_code == 404
    assert api.get(f"/api/v1/orgs/other/influence/{item.pk}").status_code == 404


def test_api_records_and_moves_an_item(cast):
    api = Client(HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=cast.coordinator).token}")
    created = api.post(
        "/api/v1/orgs/acme/influence",
        {
            "title": "Hearing loop broken",
            "addressed_to": "Community centre",
            "raised_by_people": [cast.coproducer.pk],
        },
        content_type="application/json",
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    moved = api.post(
        f"/api/v1/orgs/acme/influence/{pk}/status",
        {"status": "changed", "response": "Fixed on 3 November."},
        content_type="application/json",
    )
    assert moved.json()["status"] == "changed"
    again = api.post(
        f"/api/v1/orgs/acme/influence/{pk}/status",
        {"status": "changed"},
        content_type="application/json",
    )
    assert again.status_code == 409
    stranger = api.post(
        "/api/v1/orgs/acme/influence",
        {"title": "x", "addressed_to": "y", "raised_by_people": [cast.other_person.pk]},
        content_type="application/json",
    )
    assert stranger.status_code == 404


def test_list_query_count_is_bounded(cast, client_for, django_assert_max_num_queries):
    for n in range(40):
        services.item_create(
            organisation=cast.org,
            by=cast.coordinator,
            details={"title": f"Item {n}", "addressed_to": "X", "raised_by_group": "Forum"},
        )
    client = client_for(cast.coordinator)
    client.get("/orgs/acme/you-said-we-did/")  # the first visit creates the default targets
    with django_assert_max_num_queries(12):
        assert client.get("/orgs/acme/you-said-we-did/").status_code == 200
    with django_assert_max_num_queries(6):
        assert Client().get("/public/acme/you-said-we-did/").status_code == 200


def test_public_board_for_one_initiative(client, cast, item):
    from coproduce.initiatives.services import initiative_create

    initiative = initiative_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={"title": "Forum", "service_area": "other"},
    )
    services.item_create(
        organisation=cast.org,
        by=cast.coordinator,
        initiative=initiative,
        details={
            "title": "Hearing loop",
            "addressed_to": "Hall",
            "raised_by_group": "Forum",
            "is_public": True,
        },
    )
    page = client.get("/public/acme/you-said-we-did/", {"initiative": initiative.pk})
    titles = [i.title for i in page.context["page"].object_list]
    assert titles == ["Hearing loop"]
    assert client.get("/public/acme/you-said-we-did/", {"initiative": "9" * 40}).status_code == 200
