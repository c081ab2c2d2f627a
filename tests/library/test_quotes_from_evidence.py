"""A case study started from an initiative brings its coded quotes, with their consent."""

import datetime

import pytest

from coproduce.evidence import services as evidence
from coproduce.initiatives.services import initiative_create
from coproduce.library.models import Quote
from coproduce.library.services import draft_from_initiative
from coproduce.people.models import ConsentPurpose
from coproduce.people.services import consent_record, consent_withdraw

pytestmark = pytest.mark.django_db


def test_draft_carries_agreed_quotes_without_names(cast):
    initiative = initiative_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={"title": "Clinic at the temple", "service_area": "mental_health"},
    )
    document = evidence.document_add(
        organisation=cast.org,
        by=cast.coordinator,
        title="Focus group",
        kind="transcript",
        text="Noor: I was helped, and now I help.\n\nSam: The room was cold.",
        initiative=initiative,
    )
    helped, cold = document.excerpts.all()
    code = evidence.code_create(organisation=cast.org, by=cast.coordinator, name="Reciprocity")
    for excerpt in (helped, cold):
        evidence.excerpt_code(excerpt=excerpt, coder=cast.coordinator, codes=[code])
    evidence.excerpt_set_speaker(
        excerpt=helped, by=cast.coordinator, speaker_group="co_producer", person=cast.coproducer
    )
    consent = consent_record(
        person=cast.coproducer,
        purpose=ConsentPurpose.QUOTES,
        given_on=datetime.date(2026, 11, 1),
        by=cast.coordinator,
    )
    story = draft_from_initiative(initiative=initiative, by=cast.coordinator)
    [quote] = story.quotes.all()
    # Sam's words have no agreement, so they stay behind; Noor's name stays behind too.
    assert (quote.text, quote.speaker, quote.person) == (
        "I was helped, and now I help.",
        "Co-producer",
        cast.coproducer,
    )
    consent_withdraw(consent=consent, by=cast.coordinator)
    assert not Quote.objects.filter(case_study=story).shown().exists()
