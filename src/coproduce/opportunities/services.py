"""Writes for the opportunities board: publishing, interest and selection."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from coproduce.core.errors import conflict
from coproduce.core.models import AuditAction, Organisation, User
from coproduce.core.services import audit_record
from coproduce.opportunities import sending
from coproduce.opportunities.models import Interest, InterestLink, InterestStatus, Opportunity
from coproduce.people.models import Person
from coproduce.people.own_links import own_links_create
from coproduce.people.services import acting_for
from coproduce.sessions import invitations

OPPORTUNITY_FIELDS = (
    "title",
    "kind",
    "involves",
    "recognition",
    "access_support",
    "closes_on",
    "places",
)


@transaction.atomic
def opportunity_create(
    *, organisation: Organisation, by: User, details: Mapping[str, Any], session: Any = None
) -> Opportunity:
    if session is not None and session.organisation_id != organisation.pk:
        raise ValidationError({"session": _("Choose a session of this organisation.")})
    opportunity = Opportunity(
        organisation=organisation,
        session=session,
        created_by=by,
        **{k: v for k, v in details.items() if k in OPPORTUNITY_FIELDS},
    )
    opportunity.full_clean(exclude=["organisation", "session", "created_by"])
    opportunity.save()
    audit_record(
        organisation=organisation,
        actor=by,
        action=AuditAction.OPPORTUNITY_CREATE,
        target=opportunity,
    )
    return opportunity


@transaction.atomic
def interest_express(
    *, opportunity: Opportunity, person: Person, by: User | None, note: str = ""
) -> Interest:
    if person.organisation_id != opportunity.organisation_id:
        raise ValidationError({"person": _("Choose someone in this organisation.")})
    if not opportunity.is_open:
        raise conflict("opportunity", _("This opportunity has closed."))
    interest, created = Interest.objects.get_or_create(
        opportunity=opportunity,
        person=person,
        defaults={"organisation": opportunity.organisation, "note": note, "recorded_by": by},
    )
    if created:
        audit_record(
            organisation=opportunity.organisation,
            actor=by,
            action=AuditAction.OPPORTUNITY_INTEREST,
            target=opportunity,
            on_behalf_of=acting_for(person, by),
        )
    return interest


@transaction.atomic
def interest_decide(*, opportunity: Opportunity, by: User, selected: Iterable[Person]) -> int:
    """Select people for an opportunity. The others are told "not this time"; the
    people selected are invited to its session, if it has one."""
    chosen = {p.pk for p in selected}
    interests = list(opportunity.interest.select_related("person"))
    unknown = chosen - {i.person_id for i in interests}
    if unknown:
        raise ValidationError(
            {"selected": _("Select from the people who said they are interested.")}
        )
    if len(chosen) > opportunity.places:
        raise ValidationError(
            {
                "selected": _("There are %(n)s places. Select no more than that.")
                % {"n": opportunity.places}
            }
        )
    changed = []
    for interest in interests:
        status = (
            InterestStatus.SELECTED if interest.person_id in chosen else InterestStatus.NOT_SELECTED
        )
        if interest.status != status:
            interest.status = status
            changed.append(interest)
    Interest.objects.bulk_update(interests, ["status"])
    sending.outcomes_send(opportunity=opportunity, by=by, changed=changed)
    session = opportunity.session
    if session is not None and chosen:
        new = chosen - set(session.invitees.values_list("pk", flat=True))
        session.invitees.add(*new)
        invitations.after_planning(session, by=by, invited=new, uninvited=set(), moved=False)
    audit_record(
        organisation=opportunity.organisation,
        actor=by,
        action=AuditAction.OPPORTUNITY_SELECT,
        target=opportunity,
        changes={"selected": len(chosen)},
    )
    return len(chosen)


@transaction.atomic
def interest_links_create(
    *, opportunity: Opportunity, by: User, people: Iterable[Person], send: bool = False
) -> list[tuple[Person, str]]:
    """Give each person their own link to say they are interested, with no sign-in.
    People who have one already keep it. The links are returned once; only hashes stay.
    With `send`, those who agreed to hear about opportunities are sent theirs."""
    made = own_links_create(InterestLink, people=people, opportunity=opportunity)
    if send:
        sending.links_send(opportunity=opportunity, by=by, made=made)
    if made:
        audit_record(
            organisation=opportunity.organisation,
            actor=by,
            action=AuditAction.OPPORTUNITY_LINKS,
            target=opportunity,
            changes={"links": len(made)},
        )
    return made


@transaction.atomic
def interest_by_link(*, link: InterestLink, note: str = "") -> Interest:
    """The person the link was made for says they are interested (no one signed in)."""
    return interest_express(
        opportunity=link.opportunity, person=link.person, by=None, note=note.strip()[:2000]
    )
