"""Several processes posting at once, on whichever database the suite runs on
(SQLite in one run of `make test`, PostgreSQL in the other)."""

from typing import Any

import pytest

from coproduce.ledger.models import Posting, Transaction
from coproduce.recognition.load import hammer
from coproduce.recognition.queries import books_check
from tests.factories import OrganisationFactory, PersonFactory

WORKERS = 4
PER_WORKER = 600
SHARED = 150


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_every_invariant_and_never_duplicate(
    django_db_blocker: Any,
) -> None:
    organisation = OrganisationFactory(slug="busy")
    people = [PersonFactory(organisation=organisation) for _ in range(12)]

    result = hammer(
        organisation=organisation,
        people=people,
        workers=WORKERS,
        per_worker=PER_WORKER,
        shared=SHARED,
    )

    assert result.sent == WORKERS * PER_WORKER == result.written + result.replayed + result.refused
    # Each shared key was written once, by whichever worker got there first, and
    # replayed to the other three.
    assert Transaction.objects.filter(idempotency_key__startswith="shared-").count() == SHARED
    assert result.replayed == SHARED * (WORKERS - 1)
    assert Transaction.objects.count() == result.written
    assert Posting.objects.count() == 2 * result.written
    checks, findings = books_check()
    assert findings == [], findings
    assert len(checks) == 10
    print(
        f"{result.sent} sent by {WORKERS} processes: {result.written} written, "
        f"{result.replayed} replayed, {result.refused} refused, "
        f"{result.postings_per_second:.0f} postings/s"
    )
