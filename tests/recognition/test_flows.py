"""From attendance to recognition, payment runs, expenses, spending and opportunities."""

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from coproduce.ledger import queries as ledger_queries
from coproduce.ledger import services as ledger_services
from coproduce.ledger.models import Transaction, Unit
from coproduce.people.models import RecognitionPreference
from coproduce.recognition import queries, services
from coproduce.recognition.models import AwardStatus, ClaimStatus, ExpenseCategory, Method
from coproduce.recognition.statement import statement_for
from coproduce.sessions.services import register_save, session_create
from tests.factories import PersonFactory

OCTOBER = datetime.date(2026, 10, 1), datetime.date(2026, 10, 31)


def _session(
    cast: Any, day: int, hours: str = "2", kind: str = "workshop", starts: Any = None
) -> Any:
    starts = starts or timezone.make_aware(datetime.datetime(2026, 10, day, 10, 0))
    return session_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={
            "title": f"Workshop {day}",
            "kind": kind,
            "starts_at": starts,
            "hours": Decimal(hours),
        },
    )


@pytest.fixture
def rates(cast: Any) -> None:
    services.rate_set(
        organisation=cast.org,
        by=cast.coordinator,
        session_kind="",
        details={"credits_per_hour": 1, "pence_per_hour": 1500, "voucher_pence_per_hour": 1000},
    )


def _people(cast: Any) -> dict[str, Any]:
    people = {
        "credits": PersonFactory(
            organisation=cast.org,
            preferred_name="Cal",
            recognition_preference=RecognitionPreference.TIME_CREDITS,
        ),
        "payment": PersonFactory(
            organisation=cast.org,
            preferred_name="Pat",
            recognition_preference=RecognitionPreference.PAYMENT,
        ),
        "vouchers": PersonFactory(
            organisation=cast.org,
            preferred_name="Val",
            recognition_preference=RecognitionPreference.VOUCHERS,
        ),
        "none": PersonFactory(
            organisation=cast.org,
            preferred_name="Nia",
            recognition_preference=RecognitionPreference.NONE,
        ),
        "not_asked": PersonFactory(organisation=cast.org, preferred_name="Ned"),
    }
    return people


def test_attendance_becomes_proposals_that_follow_each_persons_choice(
    cast: Any, rates: None
) -> None:
    people = _people(cast)
    register_save(
        session=_session(cast, 6, "1.5"), by=cast.coordinator, present=list(people.values())
    )
    result = services.awards_propose(
        organisation=cast.org, by=cast.coordinator, start=OCTOBER[0], end=OCTOBER[1]
    )
    assert result.created == 3
    assert [p.preferred_name for p in result.chose_none] == ["Nia"]
    assert [p.preferred_name for p in result.not_asked] == ["Ned"]
    awards = {a.person.preferred_name: a for a in queries.awards_in(cast.org)}
    # 1.5 hours: 2 credits (halves up), £22.50, £15 of vouchers.
    assert (awards["Cal"].method, awards["Cal"].amount) == (Method.CREDITS, 2)
    assert (awards["Pat"].method, awards["Pat"].amount) == (Method.PAYMENT, 2250)
    assert (awards["Val"].method, awards["Val"].amount) == (Method.VOUCHERS, 1500)
    again = services.awards_propose(
        organisation=cast.org, by=cast.coordinator, start=OCTOBER[0], end=OCTOBER[1]
    )
    assert again.created == 0


def test_approval_posts_to_the_ledger_once_with_starter_credits(cast: Any, rates: None) -> None:
    services.policy_update(organisation=cast.org, by=cast.admin, details={"starter_credits": 3})
    people = _people(cast)
    register_save(
        session=_session(cast, 6),
        by=cast.coordinator,
        present=[people["credits"], people["payment"]],
    )
    services.awards_propose(
        organisation=cast.org, by=cast.coordinator, start=OCTOBER[0], end=OCTOBER[1]
    )
    waiting = list(queries.awards_in(cast.org, AwardStatus.PROPOSED))
    assert services.awards_approve(organisation=cast.org, by=cast.coordinator, awards=waiting) == 2
    assert services.awards_approve(organisation=cast.org, by=cast.coordinator, awards=waiting) == 0
    assert ledger_queries.person_balances(people["credits"])[Unit.CREDITS] == 3 + 2
    assert ledger_queries.person_balances(people["payment"])[Unit.PENCE] == 3000
    assert ledger_queries.person_balances(people["payment"])[Unit.CREDITS] == 0
    assert Transaction.objects.filter(kind="starter").count() == 1
    _checks, findings = queries.books_check()
    assert findings == []


def test_approving_over_a_persons_cap_needs_confirmation(cast: Any, rates: None) -> None:
    people = _people(cast)
    pat = people["payment"]
    services.caps_set(person=pat, by=cast.coordinator, weekly_pence=2000, yearly_pence=None)
    register_save(session=_session(cast, 6), by=cast.coordinator, present=[pat])
    services.awards_propose(
        organisation=cast.org, by=cast.coordinator, start=OCTOBER[0], end=OCTOBER[1]
    )
    waiting = list(queries.awards_in(cast.org, AwardStatus.PROPOSED))
    warnings = queries.cap_warnings(cast.org, waiting)
    assert [w.text for w in warnings] == [
        "Pat: £30.00 in the week of 5 October 2026, over their limit of £20.00."
    ]
    with pytest.raises(ValidationError) as caught:
        services.awards_approve(organisation=cast.org, by=cast.coordinator, awards=waiting)
    assert "over_caps_confirmed" in caught.value.message_dict
    assert ledger_queries.person_balances(pat)[Unit.PENCE] == 0
    services.awards_approve(
        organisation=cast.org, by=cast.coordinator, awards=waiting, over_caps_confirmed=True
    )
    assert ledger_queries.person_balances(pat)[Unit.PENCE] == 3000


def test_a_payment_run_pays_what_is_owed_once_with_a_reference_per_line(
    cast: Any, rates: None
) -> None:
    people = _people(cast)
    register_save(
        session=_session(cast, 6),
        by=cast.coordinator,
        present=[people["payment"], people["vouchers"]],
    )
    services.awards_propose(
        organisation=cast.org, by=cast.coordinator, start=OCTOBER[0], end=OCTOBER[1]
    )
    services.awards_approve(
        organisation=cast.org, by=cast.coordinator, awards=queries.awards_in(cast.org)
    )
    run = services.payment_run_create(organisation=cast.org, by=cast.coordinator)
    rows = queries.payment_run_rows(run)
    assert rows[0] == ["reference", "person_id", "name", "method", "amount_pounds", "amount_pence"]
    assert [(r[0], r[3], r[4]) for r in rows[1:]] == [
        (f"COPRO-{run.pk:05d}-0001", "payment", "30.00"),
        (f"COPRO-{run.pk:05d}-0002", "vouchers", "20.00"),
    ]
    with pytest.raises(ValidationError):
        services.payment_run_create(organisation=cast.org, by=cast.coordinator)
    services.payment_run_mark_paid(run=run, by=cast.coordinator)
    services.payment_run_mark_paid(run=run, by=cast.coordinator)
    assert queries.money_owed(cast.org) == []
    assert ledger_queries.person_balances(people["payment"])[Unit.PENCE] == 0
    assert Transaction.objects.filter(kind="payment").count() == 2


def _receipt(content: bytes = b"%PDF-1.4 receipt", name: str = "ticket.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_expense_claims_check_the_limit_and_the_receipt(
    cast: Any, settings: Any, tmp_path: Any
) -> None:
    settings.PRIVATE_ROOT = tmp_path
    travel = services.expense_category_create(
        organisation=cast.org, by=cast.admin, name="Travel", kind="travel", limit_pence=2000
    )
    claim = {
        "person": cast.coproducer,
        "by": cast.coordinator,
        "category": travel,
        "description": "Bus",
        "incurred_on": datetime.date(2026, 10, 6),
    }
    with pytest.raises(ValidationError) as caught:
        services.expense_claim_submit(amount_pence=2500, **claim)
    assert "£20.00" in caught.value.message_dict["amount_pence"][0]
    with pytest.raises(ValidationError) as caught:
        services.expense_claim_submit(
            amount_pence=500, receipt=_receipt(b"MZ\x90\x00 not a receipt", "x.exe"), **claim
        )
    assert "receipt" in caught.value.message_dict
    settings.RECEIPT_MAX_BYTES = 10
    with pytest.raises(ValidationError) as caught:
        services.expense_claim_submit(amount_pence=500, receipt=_receipt(), **claim)
    assert "receipt" in caught.value.message_dict
    settings.RECEIPT_MAX_BYTES = 5 * 1024 * 1024
    saved = services.expense_claim_submit(amount_pence=500, receipt=_receipt(), **claim)
    assert saved.receipt.path.startswith(str(tmp_path))
    services.expense_claim_decide(claim=saved, by=cast.coordinator, approve=True)
    assert ledger_queries.person_balances(cast.coproducer)[Unit.PENCE] == 500
    with pytest.raises(ValidationError):
        services.expense_claim_decide(claim=saved, by=cast.coordinator, approve=True)


def test_an_expense_bought_up_front_is_never_owed_to_the_person(cast: Any) -> None:
    care = services.expense_category_create(
        organisation=cast.org, by=cast.admin, name="Care cover", kind="care_cover", limit_pence=None
    )
    claim = services.expense_claim_submit(
        person=cast.coproducer,
        by=cast.coordinator,
        category=care,
        amount_pence=4000,
        description="Sitter for the evening",
        incurred_on=datetime.date(2026, 10, 6),
        paid_up_front=True,
    )
    claim = services.expense_claim_decide(claim=claim, by=cast.coordinator, approve=True)
    assert claim.status == ClaimStatus.APPROVED
    assert ledger_queries.person_balances(cast.coproducer)[Unit.PENCE] == 0
    assert queries.money_owed(cast.org) == []
    statement = statement_for(cast.coproducer)
    assert any(
        line.record.kind == "expense_upfront" for month in statement.months for line in month.lines
    )


def test_a_rejected_claim_needs_a_reason(cast: Any) -> None:
    category = ExpenseCategory.objects.create(organisation=cast.org, name="Meals", kind="meals")
    claim = services.expense_claim_submit(
        person=cast.coproducer,
        by=cast.coordinator,
        category=category,
        amount_pence=800,
        description="Lunch",
        incurred_on=datetime.date(2026, 10, 6),
    )
    with pytest.raises(ValidationError) as caught:
        services.expense_claim_decide(claim=claim, by=cast.coordinator, approve=False)
    assert "reason" in caught.value.message_dict


def test_credits_are_spent_at_partners_and_the_key_stops_a_double_spend(cast: Any) -> None:
    services.award_create(
        organisation=cast.org,
        by=cast.coordinator,
        person=cast.coproducer,
        description="Reading papers",
        happened_on=datetime.date(2026, 10, 6),
        hours=Decimal("3"),
        method=Method.CREDITS,
        amount=3,
    )
    services.awards_approve(
        organisation=cast.org, by=cast.coordinator, awards=queries.awards_in(cast.org)
    )
    pool = services.partner_create(organisation=cast.org, by=cast.admin, name="Leisure centre")
    swim = services.offer_create(partner=pool, by=cast.admin, title="A swim", credits=2)
    services.credits_spend(person=cast.coproducer, offer=swim, by=cast.coordinator, key="form-1")
    services.credits_spend(person=cast.coproducer, offer=swim, by=cast.coordinator, key="form-1")
    assert ledger_queries.person_balances(cast.coproducer)[Unit.CREDITS] == 1
    with pytest.raises(ValidationError) as caught:
        services.credits_spend(
            person=cast.coproducer, offer=swim, by=cast.coordinator, key="form-2"
        )
    assert "amount" in caught.value.message_dict


def test_the_time_bank_needs_switching_on_and_pays_an_hour_for_an_hour(cast: Any) -> None:
    with pytest.raises(ValidationError):
        services.listing_create(
            person=cast.member_person, by=cast.member, kind="offer", title="Gardening"
        )
    services.policy_update(
        organisation=cast.org,
        by=cast.admin,
        details={"timebank_enabled": True, "allow_negative_credits": True},
    )
    listing = services.listing_create(
        person=cast.member_person, by=cast.member, kind="offer", title="Gardening"
    )
    services.timebank_exchange(
        listing=listing,
        helper=cast.member_person,
        helped=cast.coproducer,
        hours=2,
        by=cast.member,
        key="ex-1",
    )
    assert ledger_queries.person_balances(cast.member_person)[Unit.CREDITS] == 2
    assert ledger_queries.person_balances(cast.coproducer)[Unit.CREDITS] == -2


def test_the_statement_says_what_was_given_in_plain_english(cast: Any, rates: None) -> None:
    cal = PersonFactory(
        organisation=cast.org,
        preferred_name="Cal",
        recognition_preference=RecognitionPreference.TIME_CREDITS,
    )
    for day in (6, 13, 20):
        register_save(session=_session(cast, day), by=cast.coordinator, present=[cal])
    services.awards_propose(
        organisation=cast.org, by=cast.coordinator, start=OCTOBER[0], end=OCTOBER[1]
    )
    services.awards_approve(
        organisation=cast.org, by=cast.coordinator, awards=queries.awards_in(cast.org)
    )
    statement = statement_for(cal, months=24)
    october = next(m for m in statement.months if m.start == OCTOBER[0])
    assert october.sentences() == ["You gave 6 hours in October and chose 6 time credits."]
    assert statement.credits == "6 time credits"
    # Each line says which session it was for and when it was, not the day it was approved
    # (six identical "+2 time credits" lines dated the approval day, before).
    assert [(line.on.day, line.what, line.amount_text) for line in october.lines] == [
        (6, "Workshop 6", "+2 time credits"),
        (13, "Workshop 13", "+2 time credits"),
        (20, "Workshop 20", "+2 time credits"),
    ]
    assert [(p.picture, p.words) for p in october.easy_points()] == [
        ("clock", "You gave 6 hours."),
        ("credits", "Tuesday 6 October: Workshop 6. You got 2 time credits."),
        ("credits", "Tuesday 13 October: Workshop 13. You got 2 time credits."),
        ("credits", "Tuesday 20 October: Workshop 20. You got 2 time credits."),
    ]
    # Each day and month is said in the reader's language (worked out once per language).
    assert (october.label, october.lines[0].day) == ("October 2026", "Tue 6 Oct")
    with translation.override("cy"):
        assert (october.label, october.lines[0].day) == ("Hydref 2026", "Maw 6 Hyd")
    assert october.lines[0].day == "Tue 6 Oct"


def test_the_statement_begins_at_midnight_here_not_at_midnight_in_utc(cast: Any) -> None:
    cal = PersonFactory(organisation=cast.org, preferred_name="Cal")
    months = 12
    today = timezone.localdate()
    first = (today.replace(day=1) - datetime.timedelta(days=31 * (months - 1))).replace(day=1)
    midnight = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))
    for minutes, hours in ((30, "3"), (-30, "5")):  # just inside, and just before
        starts = midnight + datetime.timedelta(minutes=minutes)
        session = _session(cast, first.day, hours, starts=starts)
        register_save(session=session, by=cast.coordinator, present=[cal])
    statement = statement_for(cal, months=months)
    assert [(month.start, month.hours) for month in statement.months] == [(first, 3)]


def test_a_person_with_ledger_records_cannot_be_deleted_and_nothing_is_lost(
    cast: Any, client_for: Any
) -> None:
    from coproduce.people.services import person_delete

    services.post(
        organisation=cast.org,
        by=None,
        key="k1",
        kind="award",
        legs=[
            (ledger_services.organisation_account(cast.org, "issued", Unit.CREDITS), -2),
            (ledger_services.person_account(cast.coproducer, Unit.CREDITS), 2),
        ],
    )
    with pytest.raises(ValidationError) as caught:
        person_delete(person=cast.coproducer, by=cast.admin)
    assert "person" in caught.value.message_dict
    response = client_for(cast.admin).post(f"/orgs/acme/people/{cast.coproducer.pk}/delete/")
    assert response.status_code == 302
    assert ledger_queries.person_balances(cast.coproducer)[Unit.CREDITS] == 2
