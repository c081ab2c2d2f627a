"""Many processes writing to the ledger at once: used by the concurrency tests and by
`coproduce bench`. Each worker is a forked process with its own database connection."""

from __future__ import annotations

import multiprocessing
import time
from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import connections

from coproduce.core.models import Organisation
from coproduce.ledger import services as ledger_services
from coproduce.ledger.models import AccountKind, TransactionKind, Unit
from coproduce.people.models import Person
from coproduce.recognition import services


@dataclass
class LoadResult:
    workers: int
    sent: int
    written: int
    replayed: int
    refused: int
    seconds: float

    @property
    def postings_per_second(self) -> float:
        # Every transaction here has two postings.
        return 2 * self.written / self.seconds if self.seconds else 0.0


def _worker(args: tuple[int, int, list[int], int, int]) -> Counter[str]:
    index, organisation_id, person_ids, count, shared = args
    organisation = Organisation.objects.get(pk=organisation_id)
    people = list(Person.objects.filter(pk__in=person_ids).order_by("pk"))
    issued = ledger_services.organisation_account(organisation, AccountKind.ISSUED, Unit.CREDITS)
    accounts = [ledger_services.person_account(person, Unit.CREDITS) for person in people]
    outcome: Counter[str] = Counter()
    for n in range(count):
        if n < shared:
            # Every worker sends these keys with the same content: one must win.
            key, kind = f"shared-{n}", TransactionKind.AWARD
            legs = [(issued, -1), (accounts[n % len(accounts)], 1)]
        elif n % 3 == 2:
            # A gift between two people: refused when the giver has too little.
            giver, receiver = (
                accounts[(index + n) % len(accounts)],
                accounts[(index + n + 1) % len(accounts)],
            )
            key, kind, legs = f"w{index}-{n}", TransactionKind.GIFT, [(giver, -1), (receiver, 1)]
        else:
            key, kind = f"w{index}-{n}", TransactionKind.AWARD
            legs = [(issued, -2), (accounts[(index * 7 + n) % len(accounts)], 2)]
        try:
            record = services.post(
                organisation=organisation, by=None, key=key, kind=kind, legs=legs
            )
        except ValidationError:
            outcome["refused"] += 1
        else:
            outcome["replayed" if getattr(record, "replayed", False) else "written"] += 1
    connections.close_all()
    return outcome


def hammer(
    *,
    organisation: Organisation,
    people: list[Person],
    workers: int,
    per_worker: int,
    shared: int = 0,
) -> LoadResult:
    """Post `per_worker` transactions from each of `workers` processes at once; the first
    `shared` of each worker's keys are the same in every worker."""
    # Forked children must not share the parent's database connections.
    connections.close_all()
    jobs = [
        (i, organisation.pk, [p.pk for p in people], per_worker, shared) for i in range(workers)
    ]
    started = time.perf_counter()
    if workers == 1:
        outcomes = [_worker(jobs[0])]
    else:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            outcomes = pool.map(_worker, jobs)
    seconds = time.perf_counter() - started
    total: Counter[str] = sum(outcomes, Counter())
    return LoadResult(
        workers=workers,
        sent=workers * per_worker,
        written=total["written"],
        replayed=total["replayed"],
        refused=total["refused"],
        seconds=seconds,
    )
