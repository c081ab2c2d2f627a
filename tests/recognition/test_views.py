"""Recognition pages: who sees what, the approval screen, statements and downloads."""

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from coproduce.ledger import queries as ledger_queries
from coproduce.ledger.models import Transaction, Unit
from coproduce.people.models import RecognitionPreference
from coproduce.recognition import queries, services
from coproduce.recognition.models import AwardStatus, Method
from coproduce.sessions.services import register_save, session_create
from tests.factories import PersonFactory, png_bytes
from tests.pdfcheck import assert_accessible_pdf, get_pdf

pytestmark = pytest.mark.django_db
BASE = "/orgs/acme/recognition/"
STAFF_PAGES = ["", "approve/", "ledger/", "payments/", "claims/", "policy/", "time-bank/"]


def _month_of_sessions(cast: Any, people: list[Any]) -> None:
    services.rate_set(
        organisation=cast.org,
        by=cast.admin,
        session_kind="",
        details={"credits_per_hour": 1, "pence_per_hour": 1500},
    )
    for day in (6, 20):
        session = session_create(
            organisation=cast.org,
            by=cast.coordinator,
            details={
                "title": f"Forum {day}",
                "kind": "forum",
                "starts_at": timezone.make_aware(datetime.datetime(2026, 10, day, 18)),
                "hours": Decimal("2"),
            },
        )
        register_save(session=session, by=cast.coordinator, present=people)


def test_staff_pages_render_and_stay_inside_the_organisation(cast: Any, client_for: Any) -> None:
    for page in STAFF_PAGES:
        assert client_for(cast.coordinator).get(BASE + page).status_code == 200, page
        assert client_for(cast.outsider).get(BASE + page).status_code == 404, page
    for page in STAFF_PAGES[1:6]:
        assert client_for(cast.commissioner).get(BASE + page).status_code == 403, page
        assert client_for(cast.member).get(BASE + page).status_code == 403, page
    elsewhere = f"{BASE}people/{cast.other_person.pk}/"
    assert client_for(cast.coordinator).get(elsewhere).status_code == 404


def test_a_coordinator_proposes_and_approves_a_month_on_one_screen(
    cast: Any, client_for: Any
) -> None:
    people = [
        PersonFactory(organisation=cast.org, recognition_preference=RecognitionPreference.PAYMENT)
        for _ in range(20)
    ]
    _month_of_sessions(cast, people)
    client = client_for(cast.coordinator)
    response = client.post(f"{BASE}approve/propose/", {"start": "2026-10-01", "end": "2026-10-31"})
    assert response.status_code == 302
    page = client.get(f"{BASE}approve/?month=2026-10").content.decode()
    assert "40 waiting" in page
    ids = [str(a.pk) for a in queries.awards_in(cast.org, AwardStatus.PROPOSED)]
    response = client.post(f"{BASE}approve/?month=2026-10", {"award": ids, "approve": ""})
    assert response.status_code == 302
    assert queries.awards_in(cast.org, AwardStatus.APPROVED).count() == 40
    assert len(queries.money_owed(cast.org)) == 20


def test_approving_over_a_cap_shows_the_warning_until_confirmed(cast: Any, client_for: Any) -> None:
    pat = PersonFactory(
        organisation=cast.org,
        preferred_name="Pat",
        recognition_preference=RecognitionPreference.PAYMENT,
    )
    services.caps_set(person=pat, by=cast.coordinator, weekly_pence=1000, yearly_pence=None)
    _month_of_sessions(cast, [pat])
    client = client_for(cast.coordinator)
    client.post(f"{BASE}approve/propose/", {"start": "2026-10-01", "end": "2026-10-31"})
    ids = [str(a.pk) for a in queries.awards_in(cast.org, AwardStatus.PROPOSED)]
    page = client.get(f"{BASE}approve/?month=2026-10").content.decode()
    assert "Pat: £30.00 in the week of 5 October 2026, over their limit of £10.00." in page
    refused = client.post(f"{BASE}approve/?month=2026-10", {"award": ids, "approve": ""})
    assert refused.status_code == 200
    assert "Check with them, then confirm you have." in refused.content.decode()
    assert queries.awards_in(cast.org, AwardStatus.APPROVED).count() == 0
    client.post(
        f"{BASE}approve/?month=2026-10", {"award": ids, "approve": "", "over_caps_confirmed": "on"}
    )
    assert queries.awards_in(cast.org, AwardStatus.APPROVED).count() == 2


def _interview_panel_approved(cast: Any) -> None:
    """Six time credits for the member, for an interview panel today, approved."""
    services.award_create(
        organisation=cast.org,
        by=cast.coordinator,
        person=cast.member_person,
        description="Interview panel",
        happened_on=timezone.localdate(),
        hours=Decimal("6"),
        method=Method.CREDITS,
        amount=6,
    )
    services.awards_approve(
        organisation=cast.org, by=cast.coordinator, awards=queries.awards_in(cast.org)
    )


def test_a_member_reads_their_own_statement_and_downloads_it(cast: Any, client_for: Any) -> None:
    _interview_panel_approved(cast)
    client = client_for(cast.member)
    page = client.get(f"{BASE}mine/").content.decode()
    assert "6 time credits" in page
    assert client.get(f"{BASE}").status_code == 302
    csv_text = client.get(f"{BASE}mine/statement.csv").content.decode()
    assert "Recognition for taking part: Interview panel,credits,6" in csv_text
    pdf = get_pdf(client, f"{BASE}mine/statement.pdf")
    # PDF/UA: tagged, so a screen reader can follow it, titled, in the page's language.
    assert_accessible_pdf(pdf.content, "en")
    client.post("/i18n/setlang/", {"language": "cy", "next": "/"})
    assert_accessible_pdf(get_pdf(client, f"{BASE}mine/statement.pdf").content, "cy")
    client.post("/i18n/setlang/", {"language": "en-gb", "next": "/"})
    # Someone else's statement is not theirs to read.
    assert client.get(f"{BASE}people/{cast.coproducer.pk}/statement.csv").status_code == 403
    assert client_for(cast.commissioner).get(f"{BASE}mine/").status_code == 403


def test_someone_who_asked_for_easy_read_gets_their_statement_in_easy_read(
    cast: Any, client_for: Any
) -> None:
    from coproduce.people.models import AccessNeed

    AccessNeed.objects.create(person=cast.member_person, kind="easy_read")
    day = timezone.localdate()
    _interview_panel_approved(cast)
    client = client_for(cast.member)
    page = client.get(f"{BASE}mine/").content.decode()
    assert "Easy read" in page
    assert "You have 6 time credits." in page
    said = f"{day:%A} {day.day} {day:%B}: Interview panel. You got 6 time credits."
    assert said in page
    assert 'src="/static/pictures/credits.svg" alt=""' in page
    # The full version is a link away, with the spending form.
    full = client.get(f"{BASE}mine/?version=full").content.decode()
    assert "Spend time credits" in full
    assert "Easy read version" in full
    pdf = get_pdf(client, f"{BASE}mine/statement.pdf")
    assert pdf["Content-Disposition"].endswith(f'statement-easy-read-{cast.member_person.pk}.pdf"')
    assert_accessible_pdf(pdf.content, "en")
    full_pdf = get_pdf(client, f"{BASE}mine/statement.pdf?version=full")
    assert full_pdf["Content-Disposition"].endswith(f'statement-{cast.member_person.pk}.pdf"')
    # Staff see the full version unless they ask for the easy read one to print.
    staff = client_for(cast.coordinator)
    person_page = f"{BASE}people/{cast.member_person.pk}/"
    assert "Spend time credits" in staff.get(person_page).content.decode()
    assert "Time given by" in staff.get(f"{person_page}?version=easy").content.decode()


def test_a_double_submitted_spend_form_spends_once(cast: Any, client_for: Any) -> None:
    services.award_create(
        organisation=cast.org,
        by=cast.coordinator,
        person=cast.member_person,
        description="Panel",
        happened_on=timezone.localdate(),
        hours=Decimal("5"),
        method=Method.CREDITS,
        amount=5,
    )
    services.awards_approve(
        organisation=cast.org, by=cast.coordinator, awards=queries.awards_in(cast.org)
    )
    partner = services.partner_create(organisation=cast.org, by=cast.admin, name="Cinema")
    ticket = services.offer_create(partner=partner, by=cast.admin, title="A film", credits=2)
    client = client_for(cast.member)
    form = {"action": "spend", "offer": ticket.pk, "key": "the-same-form"}
    assert client.post(f"{BASE}mine/", form).status_code == 302
    assert client.post(f"{BASE}mine/", form).status_code == 302
    assert ledger_queries.person_balances(cast.member_person)[Unit.CREDITS] == 3


def test_expense_claim_with_receipt_then_payment_run_csv(
    cast: Any, client_for: Any, settings: Any, tmp_path: Any
) -> None:
    settings.PRIVATE_ROOT = tmp_path
    travel = services.expense_category_create(
        organisation=cast.org, by=cast.admin, name="Travel", kind="travel", limit_pence=3000
    )
    member = client_for(cast.member)
    receipt = SimpleUploadedFile("bus.png", png_bytes(), content_type="image/png")
    response = member.post(
        f"{BASE}claims/new/",
        {
            "person": cast.member_person.pk,
            "category": travel.pk,
            "description": "Bus there and back",
            "amount": "£4.60",
            "incurred_on": "2026-10-06",
            "receipt": receipt,
        },
    )
    assert response.status_code == 302
    claim = queries.claims_in(cast.org).get()
    assert (claim.person, claim.amount_pence) == (cast.member_person, 460)
    # Only staff can open the receipt.
    assert member.get(f"{BASE}claims/{claim.pk}/receipt/").status_code == 403
    staff = client_for(cast.coordinator)
    assert staff.get(f"{BASE}claims/{claim.pk}/receipt/").status_code == 200
    staff.post(f"{BASE}claims/{claim.pk}/", {"approve": ""})
    staff.post(f"{BASE}payments/")
    run = queries.runs_in(cast.org).get()
    csv_text = staff.get(f"{BASE}payments/{run.pk}/finance.csv").content.decode()
    assert f"COPRO-{run.pk:05d}-0001,{cast.member_person.pk}," in csv_text
    assert ",4.60,460" in csv_text
    staff.post(f"{BASE}payments/{run.pk}/")
    assert queries.money_owed(cast.org) == []


def test_bad_claim_input_names_the_field(cast: Any, client_for: Any) -> None:
    travel = services.expense_category_create(
        organisation=cast.org, by=cast.admin, name="Travel", kind="travel", limit_pence=1000
    )
    response = client_for(cast.coordinator).post(
        f"{BASE}claims/new/",
        {
            "person": cast.coproducer.pk,
            "category": travel.pk,
            "description": "Taxi",
            "amount": "12.345",
            "incurred_on": "2026-10-06",
        },
    )
    assert "Enter an amount in pounds and pence, like 12.50." in response.content.decode()
    response = client_for(cast.coordinator).post(
        f"{BASE}claims/new/",
        {
            "person": cast.coproducer.pk,
            "category": travel.pk,
            "description": "Taxi",
            "amount": "12.00",
            "incurred_on": "2026-10-06",
        },
    )
    assert "The most we can pay for travel is £10.00 a claim." in response.content.decode()


def test_list_pages_keep_their_query_counts(
    cast: Any, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    people = [
        PersonFactory(
            organisation=cast.org, recognition_preference=RecognitionPreference.TIME_CREDITS
        )
        for _ in range(30)
    ]
    _month_of_sessions(cast, people)
    services.awards_propose(
        organisation=cast.org,
        by=cast.coordinator,
        start=datetime.date(2026, 10, 1),
        end=datetime.date(2026, 10, 31),
    )
    client = client_for(cast.coordinator)
    client.get(f"{BASE}approve/?month=2026-10")
    with django_assert_max_num_queries(15):
        assert client.get(f"{BASE}approve/?month=2026-10").status_code == 200
    services.awards_approve(
        organisation=cast.org, by=cast.coordinator, awards=queries.awards_in(cast.org)
    )
    for page in ("", "ledger/", "payments/"):
        with django_assert_max_num_queries(15):
            assert client.get(BASE + page).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(f"{BASE}people/{people[0].pk}/").status_code == 200


def test_a_member_sets_their_own_choice_and_limits(cast: Any, client_for: Any) -> None:
    client = client_for(cast.member)
    response = client.post(
        f"{BASE}mine/", {"action": "choice", "preference": "payment", "weekly": "20", "yearly": ""}
    )
    assert response.status_code == 302
    cast.member_person.refresh_from_db()
    assert cast.member_person.recognition_preference == RecognitionPreference.PAYMENT
    assert cast.member_person.recognition_caps.weekly_pence == 2000
    assert cast.member_person.recognition_caps.yearly_pence is None
    bad = client.post(
        f"{BASE}mine/", {"action": "choice", "preference": "not_asked", "weekly": "twenty"}
    ).content.decode()
    assert "Select a valid choice." in bad
    assert "Enter an amount in pounds, like 12.50." in bad


def test_time_bank_exchange_with_a_listing_that_is_not_a_number_is_refused_not_a_crash(
    cast: Any, client_for: Any
) -> None:
    services.policy_update(
        organisation=cast.org, by=cast.coordinator, details={"timebank_enabled": True}
    )
    response = client_for(cast.coordinator).post(
        "/orgs/acme/recognition/time-bank/",
        {
            "action": "exchange",
            "key": "exchange-1",
            "helper": cast.coproducer.pk,
            "helped": cast.member_person.pk,
            "hours": "2",
            "listing": "abc",
        },
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not Transaction.objects.filter(kind="exchange").exists()


def test_time_bank_exchange_records_hours_against_the_listing(cast: Any, client_for: Any) -> None:
    services.policy_update(
        organisation=cast.org,
        by=cast.coordinator,
        details={"timebank_enabled": True, "allow_negative_credits": True},
    )
    listing = services.listing_create(
        person=cast.coproducer, by=cast.coordinator, kind="offer", title="Gardening help"
    )
    response = client_for(cast.coordinator).post(
        "/orgs/acme/recognition/time-bank/",
        {
            "action": "exchange",
            "key": "exchange-2",
            "helper": cast.coproducer.pk,
            "helped": cast.member_person.pk,
            "hours": "2",
            "listing": listing.pk,
        },
    )
    assert response.status_code == 302
    assert Transaction.objects.get(kind="exchange").memo == "Gardening help"


def test_policy_rates_and_categories_are_each_saved_from_their_own_form(
    cast: Any, client_for: Any
) -> None:
    client = client_for(cast.coordinator)
    base = "/orgs/acme/recognition/policy/"
    saved = client.post(
        f"{base}rates/workshop/",
        {
            "rate-workshop-credits_per_hour": "2",
            "rate-workshop-pence_per_hour": "1500",
            "rate-workshop-pence_per_session": "0",
            "rate-workshop-voucher_pence_per_hour": "0",
        },
    )
    assert saved.status_code == 302
    assert queries.rates_for(cast.org)["workshop"].credits_per_hour == 2
    refused = client.post(
        f"{base}rates/default/",
        {"rate-default-credits_per_hour": "lots", "rate-default-pence_per_hour": "-1"},
    )
    assert refused.status_code == 200
    assert "Enter a whole number" in refused.content.decode()
    assert queries.rates_for(cast.org)[""].pence_per_hour == 0
    assert client.post(f"{base}rates/no-such-kind/", {}).status_code == 404
    added = client.post(f"{base}categories/", {"name": "Bus fares", "kind": "travel", "limit": ""})
    assert added.status_code == 302
    assert client.post(f"{base}categories/", {"name": "", "kind": "x"}).status_code == 200
    assert client.get(f"{base}categories/").status_code == 405
    assert client_for(cast.member).post(f"{base}categories/", {}).status_code == 403


def test_a_co_producer_joins_the_time_bank_and_records_help_they_gave_or_got(
    cast: Any, client_for: Any
) -> None:
    """Found from outside: the time bank showed a co-producer the exchange form, then
    refused what they sent unless they were the one helped, and a family with no credits
    could not be helped at all."""
    services.policy_update(
        organisation=cast.org,
        by=cast.coordinator,
        details={"timebank_enabled": True, "starter_credits": 3},
    )
    services.listing_create(
        person=cast.coproducer, by=cast.coordinator, kind="offer", title="Lifts to the shops"
    )
    client = client_for(cast.member)
    page = client.get("/orgs/acme/recognition/time-bank/").content.decode()
    assert "Join the time bank" in page
    # The co-producer chooses only from people in the time bank, never everyone.
    assert cast.coproducer.preferred_name in page
    assert cast.other_person.preferred_name not in page
    client.post("/orgs/acme/recognition/time-bank/", {"action": "join"})
    assert ledger_queries.person_balances(cast.member_person)[Unit.CREDITS] == 3
    assert (
        "Join the time bank" not in client.get("/orgs/acme/recognition/time-bank/").content.decode()
    )
    helped = client.post(
        "/orgs/acme/recognition/time-bank/",
        {
            "action": "exchange",
            "key": "own-1",
            "direction": "helped",
            "other": cast.coproducer.pk,
            "hours": "2",
        },
    )
    assert helped.status_code == 302
    gave = client.post(
        "/orgs/acme/recognition/time-bank/",
        {
            "action": "exchange",
            "key": "own-2",
            "direction": "gave",
            "other": cast.coproducer.pk,
            "hours": "1",
        },
    )
    assert gave.status_code == 302
    assert ledger_queries.person_balances(cast.member_person)[Unit.CREDITS] == 3 - 2 + 1
    # The helper joined by taking part: their welcome credits arrived once.
    assert ledger_queries.person_balances(cast.coproducer)[Unit.CREDITS] == 3 + 2 - 1
    forged = client.post(
        "/orgs/acme/recognition/time-bank/",
        {
            "action": "exchange",
            "key": "own-3",
            "direction": "gave",
            "other": cast.other_person.pk,
            "hours": "1",
        },
    )
    assert forged.status_code == 400
    assert "other" in forged.content.decode()
