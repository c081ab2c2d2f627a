"""`coproduce generate` fills every app with sound, repeatable data."""

import hashlib

import pytest
from django.db import transaction
from django.db.models import F

from coproduce.assessments.models import Answer
from coproduce.core.models import Organisation
from coproduce.demo.bench_evidence import SLUG, evidence_here
from coproduce.demo.generate import SCALES, generate
from coproduce.ledger.models import Posting, Transaction
from coproduce.library.models import CaseStudy
from coproduce.library.search import search
from coproduce.people.models import Person
from coproduce.recognition.models import Award
from coproduce.recognition.queries import books_check
from coproduce.sessions.models import Attendance, Session

pytestmark = pytest.mark.django_db


def _quiet(label, done, total):
    pass


def _digest():
    rows = [
        *Person.objects.order_by("pk").values_list("pk", "preferred_name", "email", "phone"),
        *Attendance.objects.order_by("pk").values_list("pk", "session_id", "person_id", "hours"),
        *Posting.objects.order_by("pk").values_list("pk", "account_id", "amount"),
        *CaseStudy.objects.order_by("pk").values_list("pk", "title"),
    ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_the_uk_scale_is_ten_times_national_as_issue_23_asks():
    uk, national = SCALES["uk"], SCALES["national"]
    sessions = uk.organisations * uk.initiatives_per_organisation * uk.sessions_per_initiative
    attendance = sessions * uk.attendance_per_session
    assert uk.organisations == 10 * national.organisations == 5000
    assert uk.organisations * uk.people_per_organisation == 500_000
    assert attendance == 20_000_000
    # The same share recognised as nationally, where it makes 2.0M postings from 2M
    # attendances: so about 20M postings.
    assert uk.recognised == national.recognised


def test_small_scale_has_the_promised_sizes_and_a_sound_ledger():
    report = generate("small", 1, _quiet)
    scale = SCALES["small"]
    sessions = scale.organisations * scale.initiatives_per_organisation
    sessions *= scale.sessions_per_initiative
    assert Organisation.objects.exclude(slug=SLUG).count() == scale.organisations
    # And the one organisation with evidence at the sizes the bench reads.
    evidence = evidence_here()
    assert evidence is not None
    assert evidence.document.excerpts.count() == scale.evidence_passages
    assert len(evidence.indicators) == scale.evidence_indicators
    assert Person.objects.count() == scale.organisations * scale.people_per_organisation
    assert Session.objects.count() == sessions
    assert Attendance.objects.count() == sessions * scale.attendance_per_session
    assert CaseStudy.objects.count() == scale.case_studies
    assert report.rows["coproduce_sessions.Attendance"] == Attendance.objects.count()
    assert report.rows_per_second > 0
    assert report.peak_memory_mb > 10  # the whole process: Python and Django at least
    # Every transaction has its two postings, and every recognition is in the ledger.
    assert Posting.objects.count() == 2 * Transaction.objects.count() == 2 * Award.objects.count()
    assert Answer.objects.count() > 0
    _checks, problems = books_check()
    assert problems == []
    # People only attend their own organisation's sessions.
    crossed = Attendance.objects.exclude(person__organisation_id=F("session__organisation_id"))
    assert not crossed.exists()
    # The case studies are in the search index.
    assert search("carers").hits


def test_the_same_seed_gives_the_same_data_and_another_seed_does_not():
    outer = transaction.savepoint()
    generate("small", 7, _quiet)
    first = _digest()
    transaction.savepoint_rollback(outer)
    again = transaction.savepoint()
    generate("small", 7, _quiet)
    assert _digest() == first
    transaction.savepoint_rollback(again)
    generate("small", 8, _quiet)
    assert _digest() != first


def test_it_refuses_a_database_that_already_has_organisations(cast):
    with pytest.raises(ValueError, match="already has organisations"):
        generate("small", 1, _quiet)
