"""Network events (issue 21, part 1): a network opens one of its sessions to its
members, their staff take places up to the number offered, and each member sees only
its own places while the network sees everyone's."""

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from coproduce.core.models import AuditEvent, NetworkMembership, Role
from coproduce.peers.models import EventPlace, NetworkEvent
from coproduce.sessions.services import session_create
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _session(cast: Any, days: int) -> Any:
    return session_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={
            "title": "Network learning day",
            "kind": "forum",
            "starts_at": timezone.now() + datetime.timedelta(days=days),
            "hours": Decimal(3),
        },
    )


@pytest.fixture
def members(cast: Any) -> Any:
    made = []
    for slug in ("hillside", "lakeside"):
        member = OrganisationFactory(name=slug.title(), slug=slug)
        NetworkMembership.objects.create(network=cast.org, organisation=member)
        staff = MembershipFactory(organisation=member, role=Role.COORDINATOR).user
        made.append((member, staff))
    return made


def test_members_take_places_up_to_the_number_offered(
    cast: Any, members: Any, client_for: Any
) -> None:
    session = _session(cast, 10)
    network = client_for(cast.coordinator)
    response = network.post(
        "/orgs/acme/peers/events/", {"session": session.pk, "places": 5, "about": "Lunch provided"}
    )
    assert response.status_code == 302
    event = NetworkEvent.objects.get()
    (hillside, hill_staff), (lakeside, lake_staff) = members

    hill = client_for(hill_staff)
    assert "Network learning day" in hill.get("/orgs/hillside/peers/events/").content.decode()
    response = hill.post(
        f"/orgs/hillside/peers/events/{event.pk}/", {"places": 3, "access_needs": "A hearing loop"}
    )
    assert response.status_code == 302
    lake = client_for(lake_staff)
    response = lake.post(f"/orgs/lakeside/peers/events/{event.pk}/", {"places": 3})
    assert response.status_code == 400
    assert "Only 2 places are left." in response.context["form"].errors["places"]
    assert lake.post(f"/orgs/lakeside/peers/events/{event.pk}/", {"places": 2}).status_code == 302

    hosts = network.get(f"/orgs/acme/peers/events/{event.pk}/").content.decode()
    assert "Who is coming: 5 of 5 places" in hosts
    assert "A hearing loop" in hosts
    own = lake.get(f"/orgs/lakeside/peers/events/{event.pk}/").content.decode()
    assert "Lakeside" in own
    assert "A hearing loop" not in own
    # Changing their mind: 0 gives the places back.
    hill.post(f"/orgs/hillside/peers/events/{event.pk}/", {"places": 0})
    assert list(EventPlace.objects.values_list("organisation__slug", "places")) == [("lakeside", 2)]
    assert (
        AuditEvent.objects.filter(organisation=hillside, action="peers.event_signup").count() == 2
    )


def test_only_a_network_opens_its_own_sessions_still_to_come(
    cast: Any, members: Any, client_for: Any
) -> None:
    past = _session(cast, -3)
    response = client_for(cast.coordinator).post(
        "/orgs/acme/peers/events/", {"session": past.pk, "places": 5}
    )
    assert response.status_code == 400
    assert "session" in response.context["form"].errors
    (_hillside, hill_staff), _ = members
    upcoming = _session(cast, 5)
    assert (
        client_for(hill_staff)
        .post("/orgs/hillside/peers/events/", {"session": upcoming.pk, "places": 5})
        .status_code
        == 404
    )
    assert not NetworkEvent.objects.exists()


def test_outsiders_and_co_producers_cannot_see_events(
    cast: Any, members: Any, client_for: Any
) -> None:
    session = _session(cast, 10)
    client_for(cast.coordinator).post(
        "/orgs/acme/peers/events/", {"session": session.pk, "places": 5}
    )
    event = NetworkEvent.objects.get()
    assert client_for(cast.outsider).get(f"/orgs/other/peers/events/{event.pk}/").status_code == 404
    assert (
        client_for(cast.outsider)
        .post(f"/orgs/other/peers/events/{event.pk}/", {"places": 1})
        .status_code
        == 404
    )
    hillside = members[0][0]
    coproducer = MembershipFactory(organisation=hillside, role=Role.MEMBER).user
    assert client_for(coproducer).get(f"/orgs/hillside/peers/events/{event.pk}/").status_code in {
        403,
        404,
    }
    viewer = MembershipFactory(organisation=hillside, role=Role.VIEWER).user
    assert (
        client_for(viewer)
        .post(f"/orgs/hillside/peers/events/{event.pk}/", {"places": 1})
        .status_code
        == 404
    )
    assert not EventPlace.objects.exists()
