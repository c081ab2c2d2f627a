"""Time credits: partners and their offers, spending, gifts and the time bank."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from coproduce.core.errors import conflict
from coproduce.core.models import Organisation, User
from coproduce.ledger.models import (
    Partner,
    Transaction,
    TransactionKind,
    Unit,
)
from coproduce.ledger.services import (
    partner_account,
    person_account,
)
from coproduce.people.models import Person
from coproduce.recognition.models import (
    Listing,
    Offer,
)
from coproduce.recognition.services.policy import policy_for, post, starter_credits_give


def partner_create(
    *, organisation: Organisation, by: User, name: str, address: str = "", access: str = ""
) -> Partner:
    partner = Partner(organisation=organisation, name=name.strip(), address=address, access=access)
    partner.full_clean(exclude=["organisation"], validate_unique=False)
    if Partner.objects.filter(organisation=organisation, name=partner.name).exists():
        raise ValidationError({"name": _("There is already a partner with this name.")})
    partner.save()
    partner_account(partner)
    return partner


def offer_create(
    *, partner: Partner, by: User, title: str, credits: int, description: str = ""
) -> Offer:
    offer = Offer(
        organisation=partner.organisation,
        partner=partner,
        title=title.strip(),
        credits=credits,
        description=description,
    )
    offer.full_clean(exclude=["organisation", "partner"])
    if credits < 1:
        raise ValidationError({"credits": _("An offer costs at least 1 time credit.")})
    offer.save()
    return offer


def credits_spend(*, person: Person, offer: Offer, by: User, key: str) -> Transaction:
    if offer.organisation_id != person.organisation_id:
        raise ValidationError({"offer": _("Choose an offer from this organisation's partners.")})
    if not offer.active:
        raise conflict("offer", _("This offer has ended."))
    return post(
        organisation=person.organisation,
        by=by,
        key=key,
        kind=TransactionKind.SPEND,
        legs=[
            (person_account(person, Unit.CREDITS), -offer.credits),
            (partner_account(offer.partner), offer.credits),
        ],
        memo=str(offer),
        person=person,
    )


def credits_gift(
    *, giver: Person, receiver: Person, amount: int, by: User, key: str, note: str = ""
) -> Transaction:
    if receiver.organisation_id != giver.organisation_id:
        raise ValidationError({"receiver": _("Choose someone in this organisation.")})
    if receiver.pk == giver.pk:
        raise ValidationError({"receiver": _("Choose someone other than the giver.")})
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 1:
        raise ValidationError({"amount": _("Enter a whole number of time credits, 1 or more.")})
    return post(
        organisation=giver.organisation,
        by=by,
        key=key,
        kind=TransactionKind.GIFT,
        legs=[
            (person_account(giver, Unit.CREDITS), -amount),
            (person_account(receiver, Unit.CREDITS), amount),
        ],
        memo=note or _("Gift to %(name)s") % {"name": receiver.preferred_name},
        person=giver,
    )


@transaction.atomic
def timebank_join(*, person: Person, by: User) -> None:
    """Someone joins the time bank: their welcome credits arrive now (once), so they can
    be helped before they have given any time."""
    if not policy_for(person.organisation).timebank_enabled:
        raise conflict("person", _("This organisation has not switched on the time bank."))
    starter_credits_give(person, by)


@transaction.atomic
def listing_create(
    *, person: Person, by: User, kind: str, title: str, description: str = ""
) -> Listing:
    if not policy_for(person.organisation).timebank_enabled:
        raise conflict("kind", _("This organisation has not switched on the time bank."))
    starter_credits_give(person, by)
    listing = Listing(
        organisation=person.organisation,
        person=person,
        kind=kind,
        title=title.strip(),
        description=description,
    )
    listing.full_clean(exclude=["organisation", "person"])
    listing.save()
    return listing


@transaction.atomic
def timebank_exchange(
    *, listing: Listing, helper: Person, helped: Person, hours: int, by: User, key: str
) -> Transaction:
    """An hour given is an hour earned: the person helped pays the helper in credits."""
    organisation = listing.organisation
    if not policy_for(organisation).timebank_enabled:
        raise conflict("listing", _("This organisation has not switched on the time bank."))
    if {helper.organisation_id, helped.organisation_id} != {organisation.pk}:
        raise ValidationError({"person": _("Choose someone in this organisation.")})
    if helper.pk == helped.pk:
        raise ValidationError({"person": _("Someone cannot swap time with themselves.")})
    if isinstance(hours, bool) or not isinstance(hours, int) or not 1 <= hours <= 24:
        raise ValidationError({"hours": _("Enter whole hours from 1 to 24.")})
    # Taking part in an exchange is joining the time bank.
    starter_credits_give(helper, by)
    starter_credits_give(helped, by)
    return post(
        organisation=organisation,
        by=by,
        key=key,
        kind=TransactionKind.EXCHANGE,
        legs=[
            (person_account(helped, Unit.CREDITS), -hours),
            (person_account(helper, Unit.CREDITS), hours),
        ],
        memo=listing.title,
        person=helper,
    )
