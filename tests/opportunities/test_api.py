"""The opportunities board through the API."""

from typing import Any

from django.test import Client

from coproduce.core.services import api_token_create


def _api(user: Any) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=user).token}")


def test_opportunities_and_interest_through_the_api(cast: Any) -> None:
    api = _api(cast.coordinator)
    created = api.post(
        "/api/v1/orgs/acme/opportunities",
        {
            "title": "Bid evaluation",
            "kind": "bid_evaluation",
            "involves": "Read four bids",
            "recognition": "£60",
            "closes_on": "2099-01-31",
        },
        content_type="application/json",
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    interest = api.post(
        f"/api/v1/orgs/acme/opportunities/{pk}/interest",
        {"person_id": cast.coproducer.pk},
        content_type="application/json",
    )
    assert interest.status_code == 201
    # A co-producer may say they are interested for themselves, not for someone else.
    member = _api(cast.member)
    mine = member.post(
        f"/api/v1/orgs/acme/opportunities/{pk}/interest",
        {"person_id": cast.member_person.pk},
        content_type="application/json",
    )
    assert mine.status_code == 201
    theirs = member.post(
        f"/api/v1/orgs/acme/opportunities/{pk}/interest",
        {"person_id": cast.coproducer.pk},
        content_type="application/json",
    )
    assert theirs.status_code == 403
    stranger = api.post(
        f"/api/v1/orgs/acme/opportunities/{pk}/interest",
        {"person_id": cast.other_person.pk},
        content_type="application/json",
    )
    assert stranger.status_code == 404
    assert stranger.json()["detail"].startswith("person_id:")
    listed = member.get("/api/v1/orgs/acme/opportunities").json()
    assert [o["title"] for o in listed] == ["Bid evaluation"]
