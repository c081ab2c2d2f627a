import pytest
from django.test import Client

from coproduce.frameworks.services import framework_create

pytestmark = pytest.mark.django_db


def test_library_is_public_with_sources(client):
    response = client.get("/frameworks/")
    assert response.status_code == 200
    assert b"Six elements of co-production" in response.content
    detail = client.get("/frameworks/four-cos/").content.decode()
    assert "Co-production Star" not in detail  # our words, not the source's
    assert "002:L185-205" in detail
    assert "Co-prioritisation" in detail


def test_unknown_framework_is_404(client):
    assert client.get("/frameworks/no-such-thing/").status_code == 404


def test_coordinator_makes_a_framework_through_the_form(client_for, cast):
    client = client_for(cast.coordinator)
    response = client.post(
        "/orgs/acme/frameworks/new/",
        {
            "title": "Our promises",
            "kind": "principles",
            "items_text": "Listen first\n- Reply within a week\nShare power",
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Reply within a week" in page


def test_an_organisation_writes_its_own_statements_and_assesses_against_them(client_for, cast):
    """Found from outside: an organisation could write its own framework but not the
    statements to assess itself against."""
    from coproduce.assessments.services import assessment_create
    from coproduce.frameworks.models import Statement, StatementSet

    client = client_for(cast.coordinator)
    wrong = client.post(
        "/orgs/acme/frameworks/new/",
        {
            "title": "Our promises",
            "kind": "principles",
            "items_text": "Listen first\nShare power",
            "statements_text": "Nobody here: We listen.",
        },
    )
    assert wrong.status_code == 400
    assert "Line 1" in wrong.content.decode()
    made = client.post(
        "/orgs/acme/frameworks/new/",
        {
            "title": "Our promises",
            "kind": "principles",
            "items_text": "Listen first\nShare power",
            "statements_text": (
                "Listen first: We ask before we plan. | We ask you first.\n"
                "share power: Partners vote on how the budget is spent."
            ),
        },
    )
    assert made.status_code == 302
    own = StatementSet.objects.get(framework__organisation=cast.org)
    statements = list(Statement.objects.filter(statement_set=own).order_by("position"))
    assert [(s.item.title, s.text, s.easy_read) for s in statements] == [
        ("Listen first", "We ask before we plan.", "We ask you first."),
        ("Share power", "Partners vote on how the budget is spent.", ""),
    ]
    page = client.get("/orgs/acme/assessments/new/").content.decode()
    assert "Our promises" in page
    assessment = assessment_create(
        organisation=cast.org, by=cast.coordinator, title="Round one", subject="", statement_set=own
    )
    assert assessment.statement_set == own


def test_framework_form_errors_are_summarised(client_for, cast):
    response = client_for(cast.coordinator).post("/orgs/acme/frameworks/new/", {"title": ""})
    content = response.content.decode()
    assert 'href="#id_title"' in content
    assert 'href="#id_kind_0"' in content
    assert 'href="#id_items_text"' in content


def test_member_can_read_but_not_make_frameworks(client_for, cast):
    client = client_for(cast.member)
    assert client.get("/orgs/acme/frameworks/").status_code == 200
    assert client.get("/orgs/acme/frameworks/new/").status_code == 403


def test_another_organisations_framework_is_404(client_for, cast):
    framework_create(
        organisation=cast.other_org,
        by=cast.outsider,
        title="Private",
        kind="principles",
        description="",
        items_text="Secret",
    )
    assert client_for(cast.admin).get("/orgs/acme/frameworks/private/").status_code == 404
    assert client_for(cast.admin).get("/orgs/other/frameworks/private/").status_code == 404
    assert client_for(cast.outsider).get("/orgs/other/frameworks/private/").status_code == 200


def test_api_lists_library_without_a_token_and_org_frameworks_with_one(cast):
    from coproduce.core.services import api_token_create

    anonymous = Client()
    listing = anonymous.get("/api/v1/frameworks").json()
    assert len(listing) == 21
    detail = anonymous.get("/api/v1/frameworks/four-cos").json()
    assert [i["key"] for i in detail["items"]][:2] == ["co-commissioning", "co-design"]
    assert detail["items"][0]["items"][0]["key"] == "co-planning"
    assert detail["statement_sets"][0]["statements"][0]["item"] == "co-planning"
    framework_create(
        organisation=cast.org,
        by=cast.admin,
        title="Ours",
        kind="outcomes",
        description="",
        items_text="Better lives",
    )
    token = api_token_create(user=cast.member).token
    owned = Client(HTTP_AUTHORIZATION=f"Bearer {token}").get("/api/v1/orgs/acme/frameworks").json()
    assert {"ours"} <= {f["key"] for f in owned}
    assert anonymous.get("/api/v1/orgs/acme/frameworks").status_code == 401


def test_library_pages_query_count_is_bounded(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        assert client.get("/frameworks/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get("/frameworks/six-elements/").status_code == 200
