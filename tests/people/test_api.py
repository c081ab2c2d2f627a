import pytest
from django.test import Client

from coproduce.core.services import api_token_create
from coproduce.people.models import Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_for():
    def make(user):
        return Client(HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=user).token}")

    return make


def test_list_is_paginated_and_filtered(api_for, cast):
    for n in range(30):
        PersonFactory(organisation=cast.org, preferred_name=f"Zed {n:02}")
    PersonFactory(organisation=cast.org, preferred_name="Ana").access_needs.create(kind="bsl")
    api = api_for(cast.coordinator)
    body = api.get("/api/v1/orgs/acme/people", {"page": 2, "page_size": 10}).json()
    assert body["count"] == 33
    assert len(body["results"]) == 10
    assert body["page"] == 2
    body = api.get("/api/v1/orgs/acme/people", {"access_need": "bsl"}).json()
    assert [p["preferred_name"] for p in body["results"]] == ["Ana"]
    assert body["results"][0]["access_needs"] == ["bsl"]
    body = api.get("/api/v1/orgs/acme/people", {"has_login": "true"}).json()
    assert [p["preferred_name"] for p in body["results"]] == ["Mo"]


def test_list_query_count_is_bounded(api_for, cast, django_assert_max_num_queries):
    for _ in range(50):
        PersonFactory(organisation=cast.org).access_needs.create(kind="easy_read")
    api = api_for(cast.coordinator)
    with django_assert_max_num_queries(8):
        assert api.get("/api/v1/orgs/acme/people", {"page_size": 50}).status_code == 200


def test_create_read_update_delete(api_for, cast):
    api = api_for(cast.coordinator)
    created = api.post(
        "/api/v1/orgs/acme/people",
        {"preferred_name": "Rae", "access_needs": ["large_print"], "email": "rae@example.test"},
        content_type="application/json",
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    assert api.get(f"/api/v1/orgs/acme/people/{pk}").json()["access_needs"] == ["large_print"]
    changed = api.patch(
        f"/api/v1/orgs/acme/people/{pk}", {"pronouns": "they/them"}, content_type="application/json"
    )
    assert changed.json()["pronouns"] == "they/them"
    assert changed.json()["access_needs"] == ["large_print"]
    # Deleting needs the admin role.
    assert api.delete(f"/api/v1/orgs/acme/people/{pk}").status_code == 403
    assert api_for(cast.admin).delete(f"/api/v1/orgs/acme/people/{pk}").status_code == 204
    assert api.get(f"/api/v1/orgs/acme/people/{pk}").status_code == 404


def test_bad_input_is_problem_json_naming_each_field(api_for, cast):
    api = api_for(cast.coordinator)
    before = Person.objects.count()
    response = api.post(
        "/api/v1/orgs/acme/people",
        {
            "preferred_name": "   ",
            "email": "not-an-email",
            "access_needs": ["wings"],
            "surprise": 1,
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    fields = {error["field"] for error in response.json()["errors"]}
    assert {"preferred_name", "email", "access_needs.0", "surprise"} <= fields
    messages = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert messages["email"] == "Enter an email address in the right format, like name@example.org."
    assert Person.objects.count() == before


def test_unparseable_body_and_null_bytes_are_4xx(api_for, cast):
    api = api_for(cast.coordinator)
    response = api.post("/api/v1/orgs/acme/people", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "body"
    response = api.get("/api/v1/orgs/acme/people", {"q": "a\x00b"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "q"


def test_huge_ids_are_not_found_or_invalid_never_500(api_for, cast):
    api = api_for(cast.coordinator)
    assert api.get("/api/v1/orgs/acme/people/9223372036854775807").status_code == 404
    assert api.get("/api/v1/orgs/acme/people/9223372036854775808").status_code == 422


def test_no_token_or_bad_token_is_401(cast):
    assert Client().get("/api/v1/organisations").status_code == 401
    bad = Client(HTTP_AUTHORIZATION="Bearer cp_nope_nope")
    response = bad.get("/api/v1/orgs/acme/people")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"


def test_viewer_gets_403_not_people(api_for, cast):
    response = api_for(cast.commissioner).get("/api/v1/orgs/acme/people")
    assert response.status_code == 403
    assert response.json()["title"] == "Not allowed"


def test_openapi_documents_problem_json(client):
    schema = client.get("/api/v1/openapi.json").json()
    responses = schema["paths"]["/api/v1/orgs/{org_slug}/people"]["post"]["responses"]
    assert "application/problem+json" in responses["422"]["content"]
    assert "application/json" in responses["201"]["content"]


def test_api_guide_lists_operations(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert b"/api/v1/orgs/{org_slug}/people/{person_id}" in response.content


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("\u0085", 422),  # NEXT LINE: a control character that Python calls a space
        ("\ufeff", 422),  # BYTE ORDER MARK: a space to JavaScript, not to Python
        ("\u3000", 422),
        (" \t", 422),
        ("Zo\u00eb", 201),
        (" Ana", 201),
    ],
)
def test_names_are_judged_the_same_by_schema_and_server(api_for, cast, name, status):
    api = api_for(cast.coordinator)
    response = api.post(
        "/api/v1/orgs/acme/people", {"preferred_name": name}, content_type="application/json"
    )
    assert response.status_code == status
