"""How each person is reached: their contact preference, language and access needs
decide the channel, the address and the version of a message."""

from __future__ import annotations

import re
from dataclasses import dataclass

from coproduce.messaging.models import Channel, Format
from coproduce.people.models import AccessNeedKind, ContactPreference, Person

POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$", re.IGNORECASE)


@dataclass(frozen=True)
class Route:
    channel: str
    address: str
    language: str
    format: str


def language_of(person: Person) -> str:
    """Welsh for people who asked for it; English otherwise (the only two we write in)."""
    return person.language_code


def address_lines(address: str) -> list[str]:
    return [line.strip() for line in address.splitlines() if line.strip()]


def letter_address_ok(address: str) -> bool:
    """At least two lines with a UK postcode on the last, as letters need."""
    lines = address_lines(address)
    return len(lines) >= 2 and bool(POSTCODE.match(lines[-1]))


def route_for(person: Person, needs: set[str] | None = None) -> Route:
    """The channel and version for this person. People who prefer a phone call or to be
    told in person, or whose details are missing, go on the coordinator's list."""
    if needs is None:
        needs = {need.kind for need in person.access_needs.all()}
    language = language_of(person)
    easy = AccessNeedKind.EASY_READ in needs
    preference = person.contact_preference
    if person.erased_at is None:
        if preference == ContactPreference.EMAIL and person.email:
            return Route(Channel.EMAIL, person.email, language, _format(easy, False))
        if preference == ContactPreference.TEXT and person.phone:
            return Route(Channel.TEXT, person.phone, language, _format(easy, False))
        if preference == ContactPreference.POST and letter_address_ok(person.postal_address):
            large = AccessNeedKind.LARGE_PRINT in needs
            return Route(Channel.LETTER, person.postal_address, language, _format(easy, large))
    return Route(Channel.IN_PERSON, "", language, _format(easy, False))


def _format(easy: bool, large: bool) -> str:
    if easy:
        return Format.EASY_READ
    return Format.LARGE_PRINT if large else Format.STANDARD
