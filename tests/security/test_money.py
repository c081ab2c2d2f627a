"""Money holes from the outside attack (issue 16, 6): the API keeps the limits people set."""

from typing import Any

import pytest
from django.test import Client

from coproduce.core.models import AuditAction, AuditEvent
from coproduce.core.services import api_token_create
from coproduce.ledger import services as ledger_services
from coproduce.ledger.models import AccountKind, Transaction
from coproduce.recognition.models import Caps

pytestmark = pytest.mark.django_db


@pytest.fixture
def capped(cast: Any) -> dict[str, Any]:
    """Noor asked for no more than £25 a week, so her benefits are safe."""
    Caps.objects.create(organisation=cast.org, person=cast.coproducer, weekly_pence=2500)
    token = api_token_create(user=cast.coordinator).token
    return {
        "client": Client(HTTP_AUTHORIZATION=f"Bearer {token}"),
        "issued": ledger_services.organisation_account(cast.org, AccountKind.ISSUED, "pence"),
        "noor": ledger_services.person_account(cast.coproducer, "pence"),
    }


def _award(capped: dict[str, Any], amount: int, key: str, **extra: Any) -> Any:
    return capped["client"].post(
        "/api/v1/orgs/acme/ledger/transactions",
        {
            "kind": "award",
            "from_account": capped["issued"].pk,
            "to_account": capped["noor"].pk,
            "amount": amount,
            **extra,
        },
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=key,
    )


def test_an_api_award_over_a_weekly_limit_is_refused(capped: dict[str, Any]) -> None:
    response = _award(capped, 50000, "over")
    assert response.status_code == 409
    assert [e["field"] for e in response.json()["errors"]] == ["over_caps_reason"]
    assert not Transaction.objects.exists()


def test_an_api_award_within_the_limit_goes_through(capped: dict[str, Any]) -> None:
    assert _award(capped, 2500, "within").status_code == 201


def test_an_override_needs_a_reason_and_is_kept_in_the_audit_trail(
    capped: dict[str, Any], cast: Any
) -> None:
    reason = "Noor checked with her work coach; a one-off payment is fine."
    response = _award(capped, 50000, "with-reason", over_caps_reason=reason)
    assert response.status_code == 201
    entry = AuditEvent.objects.get(action=AuditAction.RECOGNITION_OVER_CAPS)
    assert entry.actor == cast.coordinator
    assert entry.changes["reason"] == reason
    assert entry.changes["amount"] == 50000
    # The same key again is a replay, not a second payment or a second audit entry.
    assert _award(capped, 50000, "with-reason", over_caps_reason=reason).status_code == 200
    assert Transaction.objects.count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.RECOGNITION_OVER_CAPS).count() == 1


# --- 5. The ledger check: recognition rests on the attendance it was given for ----------------


@pytest.fixture
def approved(cast: Any, recognised_session: Any) -> Any:
    from coproduce.recognition import services
    from coproduce.recognition.models import Award

    award = Award.objects.get(person=cast.coproducer)
    services.awards_approve(organisation=cast.org, by=cast.admin, awards=[award])
    return award


def test_attendance_that_recognition_rests_on_cannot_be_deleted(approved: Any) -> None:
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        approved.attendance.delete()


def test_the_ledger_check_finds_recognition_resting_on_someone_else(
    cast: Any, approved: Any
) -> None:
    from django.core.management import CommandError, call_command

    from coproduce.recognition.queries import books_check
    from coproduce.sessions.models import Attendance

    checks, found = books_check()
    assert "recognition for attendance rests on that person's attendance" in checks
    assert found == []
    # A change made behind the services' back: the attendance now belongs to Mo.
    Attendance.objects.filter(pk=approved.attendance_id).update(person=cast.member_person)
    checks, found = books_check()
    assert [f.detail for f in found] == [
        f"award {approved.pk} is for {cast.coproducer.pk} but rests on attendance of "
        f"{cast.member_person.pk}"
    ]
    with pytest.raises(CommandError, match="1 problem"):
        call_command("ledger", "check")
