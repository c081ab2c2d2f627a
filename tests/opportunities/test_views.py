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
    member.post(f"{detail}interest/", {"note": "I would need papers a week ahead"})
    staff.post(f"{detail}interest/", {"person": cast.coproducer.pk})
    page = staff.get(detail).content.decode()
    assert "I would need papers a week ahead" in page
    # Only people who said they are interested can be selected.
    refused = staff.post(f"{detail}selection/", {"selected": [cast.other_person.pk]})
    assert refused.status_code == 200
    assert "Select a valid choice" in refused.content.decode()
    assert member.post(f"{detail}selection/", {"selected": []}).status_code == 403
    assert (
        staff.post(f"{detail}selection/", {"selected": [cast.member_person.pk]}).status_code == 302
    )
    assert "You have been selected" in member.get(detail).content.decode()
    assert client_for(cast.outsider).get(detail).status_code == 404
