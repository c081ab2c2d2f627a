"""The ledger's own rules: balanced, idempotent, append-only, inside one organisation."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction

from coproduce.ledger import queries as ledger_queries
from coproduce.ledger import services as ledger_services
from coproduce.ledger.guard import maintenance
from coproduce.ledger.models import AccountKind, Posting, Transaction, TransactionKind, Unit
from coproduce.recognition import queries, services


def _issue(person: Any, amount: int, key: str, by: Any = None) -> Transaction:
    org = person.organisation
    return services.post(
        organisation=org,
        by=by,
        key=key,
        kind=TransactionKind.AWARD,
        legs=[
            (ledger_services.organisation_account(org, AccountKind.ISSUED, Unit.CREDITS), -amount),
            (ledger_services.person_account(person, Unit.CREDITS), amount),
        ],
        person=person,
    )


def _gift(giver: Any, receiver: Any, amount: int, key: str) -> Transaction:
    return services.credits_gift(giver=giver, receiver=receiver, amount=amount, by=None, key=key)


def test_a_transaction_moves_credits_and_balances_are_sums(cast: Any) -> None:
    _issue(cast.coproducer, 5, "k1")
    _gift(cast.coproducer, cast.member_person, 2, "k2")
    assert ledger_queries.person_balances(cast.coproducer)[Unit.CREDITS] == 3
    assert ledger_queries.person_balances(cast.member_person)[Unit.CREDITS] == 2
    issued = ledger_services.organisation_account(cast.org, AccountKind.ISSUED, Unit.CREDITS)
    assert ledger_queries.balance(issued) == -5
    assert sum(Posting.objects.values_list("amount", flat=True)) == 0


def test_the_same_key_returns_the_first_transaction(cast: Any) -> None:
    first = _issue(cast.coproducer, 5, "same")
    again = _issue(cast.coproducer, 5, "same")
    assert again.pk == first.pk
    assert Transaction.objects.count() == 1
    assert ledger_queries.person_balances(cast.coproducer)[Unit.CREDITS] == 5


def test_the_same_key_with_other_content_is_refused(cast: Any) -> None:
    _issue(cast.coproducer, 5, "same")
    with pytest.raises(ValidationError) as caught:
        _issue(cast.coproducer, 6, "same")
    assert "idempotency_key" in caught.value.message_dict
    assert ledger_queries.person_balances(cast.coproducer)[Unit.CREDITS] == 5


@pytest.mark.parametrize("amount", [0, -3])
def test_zero_or_negative_gifts_are_refused_and_nothing_is_posted(cast: Any, amount: int) -> None:
    _issue(cast.coproducer, 5, "k1")
    with pytest.raises(ValidationError) as caught:
        _gift(cast.coproducer, cast.member_person, amount, "bad")
    assert "amount" in caught.value.message_dict
    assert Transaction.objects.count() == 1


def test_unbalanced_or_mixed_postings_are_refused(cast: Any) -> None:
    org = cast.org
    credits = ledger_services.person_account(cast.coproducer, Unit.CREDITS)
    pence = ledger_services.person_account(cast.member_person, Unit.PENCE)
    issued = ledger_services.organisation_account(org, AccountKind.ISSUED, Unit.CREDITS)
    for legs, field in [
        ([(issued, -5), (credits, 4)], "postings"),
        ([(issued, -5), (pence, 5)], "postings"),
        ([(issued, -5)], "postings"),
        ([(issued, -5), (issued, 5)], "postings"),
    ]:
        with pytest.raises(ValidationError) as caught:
            services.post(organisation=org, by=None, key="x", kind="award", legs=legs)
        assert field in caught.value.message_dict
    assert Transaction.objects.count() == 0


def test_another_organisations_account_is_refused(cast: Any) -> None:
    elsewhere = ledger_services.person_account(cast.other_person, Unit.CREDITS)
    issued = ledger_services.organisation_account(cast.org, AccountKind.ISSUED, Unit.CREDITS)
    with pytest.raises(ValidationError) as caught:
        services.post(
            organisation=cast.org,
            by=None,
            key="x",
            kind="award",
            legs=[(issued, -1), (elsewhere, 1)],
        )
    assert "account" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        _gift(cast.coproducer, cast.other_person, 1, "y")
    assert "receiver" in caught.value.message_dict
    assert Posting.objects.count() == 0


def test_spending_beyond_the_balance_is_refused_unless_the_policy_allows(cast: Any) -> None:
    _issue(cast.coproducer, 2, "k1")
    with pytest.raises(ValidationError) as caught:
        _gift(cast.coproducer, cast.member_person, 3, "k2")
    assert "amount" in caught.value.message_dict
    assert ledger_queries.person_balances(cast.coproducer)[Unit.CREDITS] == 2
    services.policy_update(organisation=cast.org, by=None, details={"allow_negative_credits": True})
    _gift(cast.coproducer, cast.member_person, 3, "k3")
    assert ledger_queries.person_balances(cast.coproducer)[Unit.CREDITS] == -1


def test_a_reversal_undoes_without_editing_and_only_once(cast: Any) -> None:
    original = _issue(cast.coproducer, 4, "k1")
    reversal = services.transaction_reverse(original=original, by=cast.coordinator, key="r1")
    assert reversal.reverses == original
    assert ledger_queries.person_balances(cast.coproducer)[Unit.CREDITS] == 0
    assert Posting.objects.filter(transaction=original).count() == 2
    # The same request again is the same reversal; a new one is refused.
    assert (
        services.transaction_reverse(original=original, by=cast.coordinator, key="r1") == reversal
    )
    with pytest.raises(ValidationError):
        services.transaction_reverse(original=original, by=cast.coordinator, key="r2")
    with pytest.raises(ValidationError):
        services.transaction_reverse(original=reversal, by=cast.coordinator, key="r3")


def test_a_reversal_is_audited_once_and_a_refused_one_not_at_all(cast: Any) -> None:
    from coproduce.core.models import AuditEvent

    original = _issue(cast.coproducer, 4, "k1")
    services.transaction_reverse(original=original, by=cast.coordinator, key="r1")
    services.transaction_reverse(original=original, by=cast.coordinator, key="r1")
    assert AuditEvent.objects.filter(action="ledger.reverse").count() == 1
    spent = _issue(cast.coproducer, 4, "k2")
    _gift(cast.coproducer, cast.member_person, 4, "k3")
    with pytest.raises(ValidationError):
        services.transaction_reverse(original=spent, by=cast.coordinator, key="r2")
    assert AuditEvent.objects.filter(action="ledger.reverse").count() == 1


def test_a_reversal_that_would_leave_someone_below_zero_is_refused(cast: Any) -> None:
    earned = _issue(cast.coproducer, 4, "k1")
    _gift(cast.coproducer, cast.member_person, 4, "k2")
    with pytest.raises(ValidationError) as caught:
        services.transaction_reverse(original=earned, by=cast.coordinator, key="r1")
    assert "amount" in caught.value.message_dict


def test_the_database_refuses_to_change_or_delete_postings(cast: Any) -> None:
    record = _issue(cast.coproducer, 4, "k1")
    posting = record.postings.first()
    assert posting is not None
    with pytest.raises(IntegrityError), transaction.atomic():
        Posting.objects.filter(pk=posting.pk).update(amount=400)
    with pytest.raises(IntegrityError), transaction.atomic():
        Posting.objects.filter(pk=posting.pk).delete()
    with pytest.raises(IntegrityError), transaction.atomic():
        Transaction.objects.filter(pk=record.pk).update(memo="changed")
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM ledger_transaction")
    assert Posting.objects.get(pk=posting.pk).amount == posting.amount


def test_maintenance_alone_may_delete_for_wiping_a_database(cast: Any) -> None:
    _issue(cast.coproducer, 4, "k1")
    with transaction.atomic(), maintenance():
        Posting.objects.all().delete()
        Transaction.objects.all().delete()
    assert Posting.objects.count() == 0


def test_an_unbalanced_transaction_is_caught(cast: Any) -> None:
    """PostgreSQL refuses it at commit; SQLite cannot check at commit, so the
    reconciliation finds it."""
    record = _issue(cast.coproducer, 4, "k1")
    account = ledger_services.person_account(cast.member_person, Unit.CREDITS)
    if connection.vendor == "postgresql":
        with transaction.atomic():
            Posting.objects.create(
                organisation=cast.org, transaction=record, account=account, amount=7
            )
            with pytest.raises(IntegrityError), connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            # The failed check has spoilt this savepoint: roll it back on leaving.
            transaction.set_rollback(True)
    else:
        Posting.objects.create(organisation=cast.org, transaction=record, account=account, amount=7)
        _checks, findings = queries.books_check()
        assert f"transaction {record.pk} sums to 7" in [f.detail for f in findings]


def test_ledger_check_passes_on_a_sound_ledger(cast: Any, capsys: Any) -> None:
    _issue(cast.coproducer, 5, "k1")
    _gift(cast.coproducer, cast.member_person, 2, "k2")
    call_command("ledger", "check")
    out = capsys.readouterr().out
    assert "All 10 ledger checks passed." in out


def test_ledger_check_fails_with_details_when_an_invariant_breaks(cast: Any, capsys: Any) -> None:
    _issue(cast.coproducer, 5, "k1")
    # A transaction with no postings, as only direct SQL could leave it.
    orphan = Transaction.objects.create(
        organisation=cast.org,
        kind="award",
        idempotency_key="orphan",
        fingerprint="x",
        unit="credits",
    )
    with pytest.raises(CommandError):
        call_command("ledger", "check")
    captured = capsys.readouterr()
    assert f"transaction {orphan.pk} has 0 posting(s)" in captured.err
    assert "FAIL  every transaction has at least two postings" in captured.out
    assert "ok    every transaction sums to zero" in captured.out
