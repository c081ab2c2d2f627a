"""Perspective cards for sessions (issue 21, part 4): drawn at random for a shared
screen or printed, what the group said kept with the session, and turned into a
"you said, we did" item that links back."""

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone, translation

from coproduce.core.models import AuditEvent
from coproduce.influence.models import InfluenceItem
from coproduce.sessions.models import Session
from coproduce.sessions.services import session_create
from coproduce.workshop.cards import BY_KEY, CARDS, PERSPECTIVES
from coproduce.workshop.models import Reflection
from coproduce.workshop.services import reflection_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum(cast: Any) -> Session:
    return session_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={
            "title": "Carers forum",
            "kind": "forum",
            "starts_at": timezone.now() - datetime.timedelta(hours=2),
            "hours": Decimal(2),
        },
    )


def url(forum: Session, rest: str = "") -> str:
    return f"/orgs/acme/sessions/{forum.pk}/cards/{rest}"


def test_every_point_of_view_has_four_cards_each_with_a_question() -> None:
    assert len(BY_KEY) == len(CARDS) == 16
    for perspective in PERSPECTIVES:
        assert sum(card.perspective == perspective for card in CARDS) == 4
    assert all(str(card.question).endswith("?") for card in CARDS)


def test_a_card_is_drawn_from_the_point_of_view_chosen(
    cast: Any, client_for: Any, forum: Session
) -> None:
    staff = client_for(cast.coordinator)
    # In English whatever language an earlier test left active: the pages are English.
    with translation.override("en"):
        carers = {str(card.situation) for card in CARDS if card.perspective == "carer"}
    for _ in range(8):
        page = staff.get(url(forum), {"perspective": "carer"}).content.decode()
        assert sum(situation.replace("'", "&#x27;") in page for situation in carers) == 1
    chosen = CARDS[0]
    with translation.override("en"):
        assert str(chosen.situation) in staff.get(url(forum), {"card": chosen.key}).content.decode()


def test_a_draw_skips_the_cards_already_talked_about(
    cast: Any, client_for: Any, forum: Session
) -> None:
    commissioner_cards = [card for card in CARDS if card.perspective == "commissioner"]
    for card in commissioner_cards[:3]:
        reflection_add(session=forum, by=cast.coordinator, card=card.key, said="We talked")
    last = commissioner_cards[3]
    for _ in range(6):
        page = client_for(cast.coordinator).get(url(forum), {"perspective": "commissioner"})
        assert f'value="{last.key}"' in page.content.decode()


def test_what_the_group_said_is_kept_and_can_become_an_item(
    cast: Any, client_for: Any, forum: Session
) -> None:
    staff = client_for(cast.coordinator)
    card = BY_KEY["carer-night"]
    response = staff.post(
        url(forum), {"card": card.key, "said": "Hold some meetings in the evening."}
    )
    assert response.status_code == 302
    reflection = Reflection.objects.get(session=forum)
    assert reflection.card == card.key
    assert AuditEvent.objects.filter(action="workshop.reflection", organisation=cast.org).exists()
    page = staff.get(url(forum)).content.decode()
    assert "Hold some meetings in the evening." in page

    response = staff.post(url(forum, f"said/{reflection.pk}/item/"), {"title": "Evening meetings"})
    assert response.status_code == 302
    item = InfluenceItem.objects.get()
    assert item.description == "Hold some meetings in the evening."
    assert item.raised_by_group == "The group at Carers forum"
    assert item.came_from_url == url(forum)
    assert f'href="{url(forum)}"' in staff.get(item.get_absolute_url()).content.decode()
    again = staff.post(url(forum, f"said/{reflection.pk}/item/"), {"title": "Again"})
    assert again.status_code == 400
    assert InfluenceItem.objects.count() == 1


def test_wrong_input_names_the_field_and_saves_nothing(
    cast: Any, client_for: Any, forum: Session
) -> None:
    staff = client_for(cast.coordinator)
    response = staff.post(url(forum), {"card": "carer-night", "said": ""})
    assert response.status_code == 400
    assert "said" in response.context["form"].errors
    response = staff.post(url(forum), {"card": "no-such-card", "said": "Words"})
    assert response.status_code == 400
    assert "card" in response.context["form"].errors
    reflection = reflection_add(session=forum, by=cast.coordinator, card="carer-night", said="x")
    assert staff.post(url(forum, f"said/{reflection.pk}/item/"), {"title": ""}).status_code == 400
    assert Reflection.objects.count() == 1
    assert not InfluenceItem.objects.exists()


def test_only_staff_run_the_cards(cast: Any, client_for: Any, forum: Session) -> None:
    for someone in (cast.member, cast.commissioner):
        assert client_for(someone).get(url(forum)).status_code in {403, 404}
    assert client_for(cast.outsider).get(url(forum)).status_code == 404
    assert (
        client_for(cast.outsider).get(f"/orgs/other/sessions/{forum.pk}/cards/").status_code == 404
    )


def test_every_card_prints(cast: Any, client_for: Any, forum: Session) -> None:
    page = client_for(cast.coordinator).get(url(forum, "print/")).content.decode()
    assert page.count('class="cp-card"') == 16
