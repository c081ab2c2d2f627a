"""The demo's perspective cards: what the Wandle forum said about one card."""

from __future__ import annotations

from django.utils import timezone

from coproduce.core.models import Organisation, User
from coproduce.sessions.models import Session
from coproduce.workshop.services import reflection_add


def load_demo_cards(*, organisation: Organisation, by: User) -> None:
    held = (
        Session.objects.filter(organisation=organisation, starts_at__lt=timezone.now())
        .order_by("-starts_at")
        .first()
    )
    if held is None:
        return
    reflection_add(
        session=held,
        by=by,
        card="carer-night",
        said="Hold every other forum in the evening, and say the time a month ahead so "
        "carers can arrange cover.",
    )
