"""Writes for the peer network: entries, requests, offers, accepting an offer (which
makes a peer reviewer a respondent in the asking organisation's assessment round)
and the learning log. Every change is audited in the organisation that made it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.assessments.models import AssessmentStatus, RespondentGroup
from coproduce.assessments.services import respondent_invite
from coproduce.core.errors import conflict
from coproduce.core.models import AuditAction, Organisation, User
from coproduce.core.queries import networks_around
from coproduce.core.services import audit_record
from coproduce.messaging.services import queue_email
from coproduce.peers import queries
from coproduce.peers.models import (
    HelpKind,
    HelpRequest,
    LearningNote,
    Listing,
    Offer,
    OfferStatus,
    RequestStatus,
)


def _kinds(chosen: Any, field: str) -> list[str]:
    kinds = [str(kind) for kind in chosen or []]
    if any(kind not in HelpKind.values for kind in kinds):
        raise ValidationError({field: _("Choose from the list.")})
    return [kind for kind in HelpKind.values if kind in kinds]


@transaction.atomic
def listing_save(*, organisation: Organisation, by: User, details: Mapping[str, Any]) -> Listing:
    listing, _created = Listing.objects.get_or_create(organisation=organisation)
    listing.offers = _kinds(details.get("offers"), "offers")
    listing.looking_for = _kinds(details.get("looking_for"), "looking_for")
    listing.offers_detail = str(details.get("offers_detail", "")).strip()
    listing.looking_for_detail = str(details.get("looking_for_detail", "")).strip()
    listing.public = bool(details.get("public"))
    listing.updated_at = timezone.now()
    listing.full_clean()
    listing.save()
    audit_record(
        organisation=organisation,
        actor=by,
        action=AuditAction.PEER_LISTING,
        target=listing,
        changes={"offers": listing.offers, "public": listing.public},
    )
    return listing


@transaction.atomic
def request_create(
    *, organisation: Organisation, by: User, details: Mapping[str, Any]
) -> HelpRequest:
    """Ask one of the organisation's networks for help. A request for a peer reviewer
    names the assessment round, which must be this organisation's and not closed."""
    network = details.get("network")
    if network is None or not networks_around(organisation).filter(pk=network.pk).exists():
        raise ValidationError({"network": _("Choose a network you belong to.")})
    assessment = details.get("assessment")
    kind = details.get("kind")
    if kind == HelpKind.PEER_REVIEW:
        if assessment is None or assessment.organisation_id != organisation.pk:
            raise ValidationError(
                {"assessment": _("Choose the self-assessment the reviewer would answer.")}
            )
        if assessment.status == AssessmentStatus.CLOSED:
            raise ValidationError({"assessment": _("That self-assessment is closed.")})
    else:
        assessment = None
    help_request = HelpRequest(
        organisation=organisation,
        network=network,
        kind=kind or "",
        title=str(details.get("title", "")).strip(),
        detail=str(details.get("detail", "")).strip(),
        assessment=assessment,
        created_by=by,
    )
    help_request.full_clean()
    help_request.save()
    audit_record(
        organisation=organisation,
        actor=by,
        action=AuditAction.PEER_REQUEST,
        target=help_request,
        changes={"kind": help_request.kind, "network": network.pk},
    )
    return help_request


@transaction.atomic
def offer_make(
    *, help_request: HelpRequest, organisation: Organisation, by: User, message: str
) -> Offer:
    """Offer to help, on the organisation's behalf, with the person offering as helper."""
    if help_request.organisation_id == organisation.pk:
        raise ValidationError({"message": _("You cannot offer help to yourselves.")})
    if help_request.status != RequestStatus.OPEN:
        raise conflict("message", _("This request has closed."))
    if not networks_around(organisation).filter(pk=help_request.network_id).exists():
        raise ValidationError({"message": _("Only organisations in this network can offer.")})
    offer = Offer(
        request=help_request, organisation=organisation, helper=by, message=message.strip()
    )
    offer.full_clean(exclude=["request", "organisation"])
    try:
        with transaction.atomic():
            offer.save()
    except IntegrityError:
        raise ValidationError({"message": _("Your organisation has offered already.")}) from None
    audit_record(
        organisation=organisation,
        actor=by,
        action=AuditAction.PEER_OFFER,
        target=offer,
        changes={"request": help_request.pk},
    )
    return offer


@transaction.atomic
def offer_accept(*, offer: Offer, by: User) -> Offer:
    """The asking organisation takes up an offer. For peer review, the helper becomes a
    peer reviewer in the round, answering through their own link when signed in."""
    help_request = HelpRequest.objects.select_for_update().get(pk=offer.request_id)
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    if help_request.status == RequestStatus.CLOSED or offer.status != OfferStatus.MADE:
        raise conflict("offer", _("This offer has been answered already."))
    if help_request.kind == HelpKind.PEER_REVIEW and help_request.assessment is not None:
        offer.respondent = respondent_invite(
            assessment=help_request.assessment,
            by=by,
            group=RespondentGroup.PEER_REVIEWER,
            user=offer.helper,
            reviewer_organisation=offer.organisation.name,
        ).respondent
    offer.status = OfferStatus.ACCEPTED
    offer.answered_at = timezone.now()
    offer.save(update_fields=["status", "answered_at", "respondent"])
    help_request.status = RequestStatus.MATCHED
    help_request.save(update_fields=["status"])
    audit_record(
        organisation=help_request.organisation,
        actor=by,
        action=AuditAction.PEER_ACCEPT,
        target=offer,
        changes={"from": offer.organisation_id},
    )
    _tell_helper(help_request, offer)
    return offer


def _tell_helper(help_request: HelpRequest, offer: Offer) -> None:
    """An email to whoever offered, through the outbox: what was accepted and, for a
    peer review, where to open the round."""
    if not offer.helper.email:
        return
    page = settings.COPRODUCE_SITE_URL.rstrip("/") + reverse(
        "peers:directory", kwargs={"org_slug": offer.organisation.slug}
    )
    said = {"asker": help_request.organisation.name, "title": help_request.title}
    body = [
        _("Hello %(name)s,") % {"name": offer.helper.first_name or offer.helper.email},
        _("%(asker)s accepted your offer to help with “%(title)s”.") % said,
    ]
    if offer.respondent_id is not None:
        body.append(
            _(
                "You are a peer reviewer in their self-assessment. Open it from “Peer "
                "reviews you are doing” on your peer network page:"
            )
            + f"\n{page}"
        )
    else:
        body.append(_("Get in touch with them to agree what happens next:") + f"\n{page}")
    queue_email(
        to=offer.helper.email,
        subject=_("%(asker)s accepted your offer") % said,
        body="\n\n".join(body) + "\n",
        organisation=offer.organisation,
        key=f"peer-offer-accepted:{offer.pk}",
    )


@transaction.atomic
def request_close(*, help_request: HelpRequest, by: User) -> HelpRequest:
    help_request.status = RequestStatus.CLOSED
    help_request.save(update_fields=["status"])
    Offer.objects.filter(request=help_request, status=OfferStatus.MADE).update(
        status=OfferStatus.DECLINED, answered_at=timezone.now()
    )
    audit_record(
        organisation=help_request.organisation,
        actor=by,
        action=AuditAction.PEER_REQUEST,
        target=help_request,
        changes={"status": RequestStatus.CLOSED},
    )
    return help_request


@transaction.atomic
def learning_add(
    *, organisation: Organisation, by: User, details: Mapping[str, Any]
) -> LearningNote:
    learned_from = details.get("learned_from")
    if (
        learned_from is not None
        and not queries.peers_of(organisation).filter(pk=learned_from.pk).exists()
    ):
        raise ValidationError({"learned_from": _("Choose an organisation in your networks.")})
    note = LearningNote(
        organisation=organisation,
        learned_from=learned_from,
        title=str(details.get("title", "")).strip(),
        learned=str(details.get("learned", "")).strip(),
        doing_differently=str(details.get("doing_differently", "")).strip(),
        created_by=by,
    )
    note.full_clean()
    note.save()
    audit_record(
        organisation=organisation,
        actor=by,
        action=AuditAction.PEER_LEARNING,
        target=note,
    )
    return note
