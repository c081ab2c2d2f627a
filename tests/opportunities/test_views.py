"""The opportunities board in the browser's pages."""

from typing import Any


def test_opportunity_board_for_members_and_coordinators(cast: Any, client_for: Any) -> None:
    staff = client_for(cast.coordinator)
    response = staff.post(
        "/orgs/acme/opportunities/new/",
        {
            "title": "Co-chair the forum",
            "kind": "co_chair",
            "involves": "Monthly evening meetings",
            "recognition": "£20 a meeting",
            "closes_on": "2099-03-01",
            "places": "1",
        },
    )
    assert response.status_code == 302
    detail = response["Location"]
    member = client_for(cast.member)
    assert "Co-chair the forum" in member.get("/orgs/acme/opportunities/").content.decode()
    member.post(detail, {"action": "interest", "note": "I would need papers a week ahead"})
    staff.post(detail, {"action": "interest", "person": cast.coproducer.pk})
    page = staff.get(detail).content.decode()
    assert "I would need papers a week ahead" in page
    staff.post(detail, {"action": "select", "selected": [cast.member_person.pk]})
    assert "You have been selected" in member.get(detail).content.decode()
    assert client_for(cast.outsider).get(detail).status_code == 404
