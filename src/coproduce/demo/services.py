"""Loads the demo through the same services a coordinator uses, so it obeys every rule."""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction

from coproduce.core.models import Organisation, User
from coproduce.core.services import (
    membership_set_role,
    network_member_add,
    network_sharing_set,
    organisation_create,
    user_create,
)
from coproduce.demo import content
from coproduce.demo.assessments import load_demo_assessments
from coproduce.demo.content_people import PEOPLE
from coproduce.demo.conversations import load_demo_conversations
from coproduce.demo.evidence import load_demo_evidence
from coproduce.demo.influence import load_demo_influence
from coproduce.demo.initiatives import load_demo_initiatives
from coproduce.demo.library import load_demo_library
from coproduce.demo.peers import load_demo_peers
from coproduce.demo.recognition import load_demo_recognition
from coproduce.demo.sessions import load_demo_sessions
from coproduce.demo.workshop import load_demo_cards
from coproduce.insight.services import benchmarking_set, reference_set
from coproduce.people.models import ConsentPurpose, Person
from coproduce.people.services import (
    consent_record,
    consent_withdraw,
    person_create,
    special_category_save,
)

ADMIN_EMAIL = "admin@example.org"
CONSENT_DATE = datetime.date(2026, 3, 12)


@dataclass(frozen=True)
class DemoSummary:
    created: bool
    organisations: int
    people: int
    password: str


def demo_password() -> str:
    """The demo logins' password: kept in var/ so it stays the same between runs."""
    path = settings.VAR_DIR / "demo-password"
    if not path.exists():
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(12))
        path.chmod(0o600)
    return path.read_text().strip()


def _login(email: str, name: str, password: str) -> Any:
    user = User.objects.filter(email=email).first()
    if user is None:
        return user_create(email=email, password=password, name=name)
    user.set_password(password)
    user.save(update_fields=["password"])
    return user


def _contact_details(n: int, name: str, contact: str, login_email: str) -> dict[str, str]:
    """Made-up contact details that match how each person likes to be reached."""
    details = {"email": login_email, "phone": ""}
    if contact == "email" and not login_email:
        handle = "".join(ch for ch in name.lower() if ch.isalnum())
        details["email"] = f"{handle}{n}@example.net"
    if contact in {"phone", "text"}:
        # Ofcom keeps 07700 900000 to 900999 for drama and examples.
        details["phone"] = f"07700 900{n:03d}"
    return details


def demo_is_loaded() -> bool:
    """Whether this database holds the demo organisations."""
    return Organisation.objects.filter(slug=content.ORGANISATIONS[0][0]).exists()


# The area's ethnic groups, in per cent, for the demo network's comparison.
WANDLE_AREA = {"white": "63", "asian": "12", "black": "11", "mixed": "7", "other": "7"}


@transaction.atomic
def demo_load(*, password: str | None = None) -> DemoSummary:
    """Create the demo organisations, logins and people; a second run changes nothing but passwords."""
    password = password or demo_password()
    admin = _login(ADMIN_EMAIL, "Demo admin", password)
    logins = {email: _login(email, name, password) for email, name, _roles in content.LOGINS}
    if Organisation.objects.filter(slug=content.ORGANISATIONS[0][0]).exists():
        return DemoSummary(False, Organisation.objects.count(), Person.objects.count(), password)

    orgs = {
        slug: organisation_create(name=name, slug=slug, kind=kind, description=about, by=admin)
        for slug, name, kind, about in content.ORGANISATIONS
    }
    for network, members in content.NETWORK_LINKS:
        for member in members:
            network_member_add(network=orgs[network], organisation=orgs[member], by=admin)
    for slug, region in content.REGIONS.items():
        benchmarking_set(organisation=orgs[slug], by=admin, region=region)
    for network, member in content.SHARING:
        network_sharing_set(organisation=orgs[member], network=orgs[network], shares=True, by=admin)
    for email, _name, roles in content.LOGINS:
        for slug, role in roles.items():
            membership_set_role(organisation=orgs[slug], user=logins[email], role=role, by=admin)
    coordinator = logins["coordinator@example.org"]

    for n, (
        slug,
        preferred,
        full,
        contact,
        language,
        needs,
        recognition,
        notes,
        special,
        login_email,
    ) in enumerate(PEOPLE):
        person = person_create(
            organisation=orgs[slug],
            by=coordinator if slug == "wandle-cen" else admin,
            details={
                "preferred_name": preferred,
                "full_name": full,
                "contact_preference": contact,
                "preferred_language": language,
                "recognition_preference": recognition,
                "access_notes": notes,
                **_contact_details(n, preferred, contact, login_email),
            },
            access_needs=needs,
        )
        if login_email:
            Person.objects.filter(pk=person.pk).update(user=logins[login_email])
        if special is not None or preferred in content.WITHDRAWN_SPECIAL_CATEGORY:
            consent = consent_record(
                person=person,
                purpose=ConsentPurpose.SPECIAL_CATEGORY,
                given_on=CONSENT_DATE,
                how_given="Talked it through at a one-to-one and signed the easy read form.",
                by=admin,
            )
            if special is not None:
                special_category_save(person=person, by=admin, values=special)
            else:
                consent_withdraw(consent=consent, by=admin)
        if contact != "in_person":
            consent_record(
                person=person, purpose=ConsentPurpose.CONTACT, given_on=CONSENT_DATE, by=admin
            )
    load_demo_initiatives(orgs=orgs, by=coordinator)
    load_demo_influence(orgs=orgs, by=coordinator)
    load_demo_sessions(orgs=orgs, by=coordinator)
    load_demo_assessments(
        org=orgs["wandle-cen"], coordinator=coordinator, reviewer=logins["reviewer@example.org"]
    )
    load_demo_recognition(org=orgs["wandle-cen"], coordinator=coordinator)
    load_demo_evidence(orgs=orgs, by=coordinator, co_coder=logins["amara@example.org"], admin=admin)
    load_demo_library(by=admin)
    load_demo_peers(orgs=orgs, by=admin)
    load_demo_conversations(
        orgs=orgs, coordinator=coordinator, member=logins["amara@example.org"], admin=admin
    )
    load_demo_cards(organisation=orgs["wandle-cen"], by=coordinator)
    # Who lives where the Wandle network works, so "Who takes part" shows who is missing.
    reference_set(
        organisation=orgs["wandle-cen"],
        by=coordinator,
        source="Census 2021 figures for the boroughs the network covers (rounded)",
        shares={("ethnicity", group): Decimal(share) for group, share in WANDLE_AREA.items()},
    )
    return DemoSummary(True, len(orgs), Person.objects.count(), password)
