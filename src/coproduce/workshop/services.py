"""Writes for the perspective cards: a group's reflection on a card, and the
"you said, we did" item it becomes when it leads somewhere."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.core.errors import conflict
from coproduce.core.models import AuditAction, User
from coproduce.core.services import audit_record
from coproduce.influence.models import InfluenceItem
from coproduce.influence.services import item_create
from coproduce.sessions.models import Session
from coproduce.workshop.cards import BY_KEY
from coproduce.workshop.models import Reflection


@transaction.atomic
def reflection_add(*, session: Session, by: User, card: str, said: str) -> Reflection:
    if card not in BY_KEY:
        raise ValidationError({"card": _("Choose one of the cards.")})
    reflection = Reflection(
        organisation=session.organisation,
        session=session,
        card=card,
        said=said.strip(),
        recorded_by=by,
    )
    reflection.full_clean(exclude=["organisation", "session", "item"])
    reflection.save()
    audit_record(
        organisation=session.organisation,
        actor=by,
        action=AuditAction.WORKSHOP_REFLECTION,
        target=reflection,
        changes={"card": card},
    )
    return reflection


@transaction.atomic
def reflection_to_item(*, reflection: Reflection, by: User, title: str) -> InfluenceItem:
    """What the group said becomes a "you said, we did" item, raised by the session's
    group, linked back to the session's cards."""
    if reflection.item_id is not None:
        raise conflict("title", _("This has its item already."))
    session = reflection.session
    item = item_create(
        organisation=session.organisation,
        by=by,
        details={
            "title": title,
            "description": reflection.said,
            "addressed_to": session.organisation.name,
            "raised_by_group": _("The group at %(session)s") % {"session": session.title},
            "raised_on": min(timezone.localdate(session.starts_at), timezone.localdate()),
        },
        initiative=session.initiative,
        came_from=_("Perspective cards at %(session)s") % {"session": session.title},
        came_from_url=reverse(
            "workshop:cards", kwargs={"org_slug": session.organisation.slug, "pk": session.pk}
        ),
    )
    reflection.item = item
    reflection.save(update_fields=["item"])
    return item
