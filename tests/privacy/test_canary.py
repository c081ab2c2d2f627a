"""The canary person: someone with data in every app is exported, then erased, and then
every table and the export are searched for anything that identifies them."""

import datetime
import json
import os
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.utils import timezone

from coproduce.assessments.services import assessment_create, respondent_invite
from coproduce.evidence import queries as evidence_queries
from coproduce.evidence import services as evidence
from coproduce.frameworks.models import FrameworkItem, StatementSet
from coproduce.influence.services import item_create, item_set_status
from coproduce.initiatives.services import initiative_create, team_member_add
from coproduce.ledger import services as ledger_services
from coproduce.ledger.queries import balance
from coproduce.library.search import search
from coproduce.library.services import case_study_move, case_study_save, credit_add, quote_add
from coproduce.opportunities import services as opportunities
from coproduce.people.models import ConsentPurpose, Person
from coproduce.people.services import consent_record, person_create, special_category_save
from coproduce.privacy.models import SubjectAccessExport
from coproduce.privacy.services import export_build, export_request, person_erase, person_export
from coproduce.recognition import services as recognition
from coproduce.recognition.queries import books_check
from coproduce.sessions.models import Attendance
from coproduce.sessions.services import register_save, session_create
from tests.factories import png_bytes

pytestmark = pytest.mark.django_db

NAME, FULL = "Zebediah", "Zebediah Quuxley"
EMAIL, PHONE = "zeb.quuxley@example.test", "07700 900999"
IDENTIFIERS = [NAME, "Quuxley", EMAIL, PHONE]
PNG = png_bytes()


@pytest.fixture
def canary(cast, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    org, by = cast.org, cast.admin
    person = person_create(
        organisation=org,
        by=by,
        details={
            "preferred_name": NAME,
            "full_name": "Zeb Quuxley",
            "email": EMAIL,
            "phone": PHONE,
            "contact_preference": "in_person",
            "access_notes": f"{NAME} likes a seat near the door.",
        },
        access_needs=["easy_read", "step_free"],
    )
    for purpose in (ConsentPurpose.SPECIAL_CATEGORY, ConsentPurpose.QUOTES, ConsentPurpose.NAMED):
        consent_record(person=person, purpose=purpose, given_on=datetime.date(2026, 1, 5), by=by)
    special_category_save(person=person, by=by, values={"ethnicity": "white"})
    person_update_name_history(person, by)

    initiative = initiative_create(
        organisation=org, by=by, details={"title": "Clinic", "service_area": "mental_health"}
    )
    team_member_add(initiative=initiative, person=person, role="champion", by=by)
    session = session_create(
        organisation=org,
        by=by,
        invitees=[person],
        details={"title": "Forum", "kind": "forum", "starts_at": timezone.now()},
    )
    register_save(session=session, by=by, present=[person])
    item = item_create(
        organisation=org,
        by=by,
        people=[person],
        details={"title": "Late travel money", "addressed_to": "The network"},
    )
    item_set_status(item=item, by=by, status="acknowledged")  # a follow-up to tell them

    statement_set = StatementSet.objects.get(key="six-elements-check", framework__is_current=True)
    assessment = assessment_create(
        organisation=org, by=by, title="Round 1", subject="", statement_set=statement_set
    )
    respondent_invite(assessment=assessment, by=by, group="co_producer", person=person)

    recognition.caps_set(person=person, by=by, weekly_pence=2000, yearly_pence=None)
    recognition.award_create(
        organisation=org,
        by=by,
        person=person,
        description="Reading papers",
        happened_on=datetime.date(2026, 11, 2),
        hours=Decimal(2),
        method="time_credits",
        amount=2,
    )
    issued = ledger_services.organisation_account(org, "issued", "credits")
    recognition.post(
        organisation=org,
        by=by,
        key="canary-credits",
        kind="award",
        legs=[(issued, -5), (ledger_services.person_account(person, "credits"), 5)],
    )
    category = recognition.expense_category_create(
        organisation=org, by=by, name="Travel", kind="travel", limit_pence=None
    )
    claim = recognition.expense_claim_submit(
        person=person,
        by=by,
        category=category,
        amount_pence=450,
        description="Bus to the forum",
        incurred_on=datetime.date(2026, 11, 2),
        receipt=SimpleUploadedFile("receipt.png", PNG),
    )
    recognition.policy_update(organisation=org, by=by, details={"timebank_enabled": True})
    recognition.listing_create(person=person, by=by, kind="offer", title="Gardening help")
    opportunity = opportunities.opportunity_create(
        organisation=org,
        by=by,
        details={
            "title": "Interview panel",
            "kind": "interview_panel",
            "involves": "A morning",
            "recognition": "£45",
            "closes_on": timezone.localdate() + datetime.timedelta(days=30),
        },
    )
    opportunities.interest_express(opportunity=opportunity, person=person, by=by, note="Keen")

    story = case_study_save(
        by=by,
        organisation=org,
        details={
            "title": "A clinic in a temple",
            "summary": f"How {NAME} and others changed a service.",
            "problem": "People did not come.",
            "who_and_how": "Together.",
            "what_changed": "They came.",
        },
    )
    quote_add(case_study=story, by=by, text="I was helped.", speaker="A co-producer", person=person)
    for status in ("submitted", "published"):
        case_study_move(case_study=story, by=by, to=status)
    credit_add(case_study=story, by=by, name=FULL, person=person)

    item_outcome = FrameworkItem.objects.get(
        framework__key="islington-capabilities", framework__is_current=True, key="relationships"
    )
    evidence.outcome_record(
        organisation=org,
        by=by,
        item=item_outcome,
        person=person,
        initiative=initiative,
        details={"baseline": 3, "follow_up": 7},
    )
    document = evidence.document_add(
        organisation=org,
        by=by,
        title="Focus group",
        kind="transcript",
        text=f"{NAME}: I trust them now.\n\nSam: {FULL} made the tea.",
        initiative=initiative,
    )
    code = evidence.code_create(organisation=org, by=by, name="Trust")
    first = document.excerpts.get(position=1)
    evidence.excerpt_set_speaker(excerpt=first, by=by, speaker_group="co_producer", person=person)
    evidence.excerpt_code(excerpt=first, coder=by, codes=[code])
    return {"person": person, "claim": claim, "org": org}


def person_update_name_history(person, by):
    """A change of name, which the audit trail records with the old and new values."""
    from coproduce.people.services import person_update

    person_update(person=person, by=by, changes={"full_name": FULL, "pronouns": "he/him"})


def _rows_mentioning(identifier: str) -> list[str]:
    """Every row of every table with a text field containing the identifier."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        fields = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        query = models.Q()
        for field in fields:
            if isinstance(field, models.JSONField):
                continue
            query |= models.Q(**{f"{field.name}__icontains": identifier})
        if query and model._default_manager.filter(query).exists():
            found.append(model._meta.label)
        for field in fields:
            if isinstance(field, models.JSONField):
                for value in model._default_manager.values_list(field.name, flat=True):
                    if identifier.lower() in json.dumps(value).lower():
                        found.append(f"{model._meta.label}.{field.name}")
    return found


def test_canary_is_exported_whole_then_forgotten(canary, cast):
    person, org = canary["person"], canary["org"]
    export = person_export(person=person, by=cast.admin)
    text = json.dumps(export)
    for identifier in IDENTIFIERS:
        assert identifier in text
    for label in (
        "people.accessneed",
        "people.consent",
        "people.specialcategorydata",
        "coproduce_sessions.attendance",
        "coproduce_sessions.session",
        "influence.influenceitem",
        "messaging.message",
        "initiatives.teammember",
        "assessments.respondent",
        "ledger.account",
        "ledger.posting",
        "recognition.award",
        "recognition.expenseclaim",
        "recognition.listing",
        "opportunities.interest",
        "recognition.caps",
        "library.quote",
        "library.credit",
        "evidence.outcomerecord",
        "evidence.excerpt",
    ):
        assert export["records"].get(label), label

    assert search(NAME).hits  # the published story is found by their name

    # A copy made in the background, as the Data page makes it.
    made = export_request(person=person, by=cast.admin)
    made = export_build(made.pk)
    copies = [made.json_file.path, made.pdf_file.path]
    with open(copies[0]) as handle:
        assert FULL in handle.read()

    attendance_before = Attendance.objects.filter(session__organisation=org).count()
    outcomes_before = evidence_queries.outcome_summary(evidence_queries.outcomes_in(org))
    receipt = canary["claim"].receipt.path
    person_erase(person=person, by=cast.admin)

    for identifier in IDENTIFIERS:
        assert _rows_mentioning(identifier) == [], identifier
    assert search(NAME).hits == []  # nor is it in the search index any more
    after = json.dumps(person_export(person=Person.objects.get(pk=person.pk), by=cast.admin))
    for identifier in IDENTIFIERS:
        assert identifier not in after
    # What they took part in still counts, and the ledger still adds up.
    assert Attendance.objects.filter(session__organisation=org).count() == attendance_before
    assert evidence_queries.outcome_summary(evidence_queries.outcomes_in(org)) == outcomes_before
    _checks, findings = books_check()
    assert findings == []
    assert balance(ledger_services.person_account(person, "credits")) == 5
    assert not os.path.exists(receipt)
    assert not any(os.path.exists(copy) for copy in copies)
    assert not SubjectAccessExport.objects.filter(person=person).exists()
    erased = Person.objects.get(pk=person.pk)
    assert erased.erased_at is not None
    assert erased.preferred_name == f"Erased person {person.pk}"
    assert not evidence_queries.quotable(
        person.organisation.evidence_documents.get().excerpts.all()
    ).exists()
