"""The demo's peer network: what the Wandle network's members offer and look for,
one request for help with an offer waiting, and a learning log entry."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from coproduce.core.models import Organisation, User
from coproduce.peers.events import event_open, places_take
from coproduce.peers.services import learning_add, listing_save, offer_make, request_create
from coproduce.sessions.services import session_create

LISTINGS = {
    "st-barnabas": (
        ["venue", "panel"],
        "Our church hall seats 60 with a hearing loop; our lived experience panel meets monthly.",
        ["training"],
    ),
    "south-wandle-mht": (
        ["training", "peer_review"],
        "Two staff trained as peer reviewers; co-production training for front-line teams.",
        [],
    ),
    "al-noor": ([], "", ["mentoring", "peer_review"]),
    "riverside-parents": (
        ["panel"],
        "A parents' panel that reads papers in plain English.",
        ["mentoring"],
    ),
}


def load_demo_peers(*, orgs: dict[str, Organisation], by: User) -> None:
    for slug, (offers, detail, looking_for) in LISTINGS.items():
        listing_save(
            organisation=orgs[slug],
            by=by,
            details={"offers": offers, "offers_detail": detail, "looking_for": looking_for},
        )
    asked = request_create(
        organisation=orgs["riverside-parents"],
        by=by,
        details={
            "kind": "mentoring",
            "title": "Someone to mentor our new parent co-chair",
            "detail": "An hour a month for six months, by phone or in person.",
            "network": orgs["wandle-cen"],
        },
    )
    offer_make(
        help_request=asked,
        organisation=orgs["st-barnabas"],
        by=by,
        message="Our panel chair has co-chaired for three years and would be glad to.",
    )
    learning_add(
        organisation=orgs["al-noor"],
        by=by,
        details={
            "title": "Pay people on the day",
            "learned_from": orgs["st-barnabas"],
            "learned": "St Barnabas pays travel in cash at the session. People stopped dropping out.",
            "doing_differently": "We will pay travel on the day from our next forum.",
        },
    )
    # A learning day three weeks ahead, whenever the demo is loaded, open to members.
    day = timezone.localdate() + datetime.timedelta(days=21)
    learning_day = session_create(
        organisation=orgs["wandle-cen"],
        by=by,
        details={
            "title": "Network learning day: paying people fairly",
            "kind": "training",
            "starts_at": timezone.make_aware(datetime.datetime.combine(day, datetime.time(10))),
            "hours": Decimal(4),
            "venue": "St Barnabas church hall",
            "venue_access": "Step-free entrance, hearing loop, quiet room.",
        },
    )
    event = event_open(
        network=orgs["wandle-cen"],
        by=by,
        session=learning_day,
        places=20,
        about="Open to every member: bring up to four people each. Lunch provided.",
    )
    places_take(
        event=event,
        organisation=orgs["st-barnabas"],
        by=by,
        places=3,
        access_needs="Step-free access for one person",
    )
