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
from coproduce.influence.queries import Said
from coproduce.influence.services import said_to_item
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
    item = said_to_item(
        organisation=session.organisation,
        said=Said(
            key=f"reflection:{reflection.pk}",
            words=reflection.said,
            group=_("The group at %(session)s") % {"session": session.title},
            came_from=_("Perspective cards at %(session)s") % {"session": session.title},
            url=reverse(
                "workshop:cards", kwargs={"org_slug": session.organisation.slug, "pk": session.pk}
            ),
            raised_on=timezone.localdate(session.starts_at),
            initiative=session.initiative,
        ),
        by=by,
        title=title,
        addressed_to=session.organisation.name,
    )
    reflection.item = item
    reflection.save(update_fields=["item"])
    return item
