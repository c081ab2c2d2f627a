"""Random sequences of earn, spend, gift, reverse and approve: after every step the
ledger's invariants hold, balances match a simple model of them, and nobody goes
below zero unless the policy lets people borrow time credits."""

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coproduce.ledger import queries as ledger_queries
from coproduce.ledger.models import Transaction, Unit
from coproduce.recognition import queries, services
from coproduce.recognition.models import Method
from tests.factories import PersonFactory

PEOPLE = 3
step = st.one_of(
    st.tuples(st.just("earn"), st.integers(0, PEOPLE - 1), st.integers(1, 5)),
    st.tuples(st.just("spend"), st.integers(0, PEOPLE - 1), st.sampled_from([1, 3])),
    st.tuples(
        st.just("gift"), st.integers(0, PEOPLE - 1), st.integers(0, PEOPLE - 1), st.integers(-1, 4)
    ),
    st.tuples(st.just("reverse"), st.integers(0, 30)),
)


class RollbackError(Exception):
    pass


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=st.lists(step, max_size=14), borrowing=st.booleans())
def test_invariants_hold_after_every_step(
    cast: Any, steps: list[tuple[Any, ...]], borrowing: bool
) -> None:
    try:
        with transaction.atomic():
            _run(cast, steps, borrowing)
            raise RollbackError
    except RollbackError:
        pass


def _run(cast: Any, steps: list[tuple[Any, ...]], borrowing: bool) -> None:
    org = cast.org
    services.policy_update(
        organisation=org, by=cast.admin, details={"allow_negative_credits": borrowing}
    )
    people = [PersonFactory(organisation=org) for _ in range(PEOPLE)]
    partner = services.partner_create(organisation=org, by=cast.admin, name="Pool")
    offers = {
        c: services.offer_create(partner=partner, by=cast.admin, title=f"{c} credits", credits=c)
        for c in (1, 3)
    }
    expected = [0] * PEOPLE
    written: list[Transaction] = []
    for number, action in enumerate(steps):
        key = f"step-{number}"
        before = list(expected)
        try:
            if action[0] == "earn":
                _op, who, amount = action
                award = services.award_create(
                    organisation=org,
                    by=cast.coordinator,
                    person=people[who],
                    description="Reading",
                    happened_on=datetime.date(2026, 10, 1),
                    hours=Decimal(amount),
                    method=Method.CREDITS,
                    amount=amount,
                )
                services.awards_approve(organisation=org, by=cast.coordinator, awards=[award])
                award.refresh_from_db()
                written.append(award.transaction)
                expected[who] += amount
            elif action[0] == "spend":
                _op, who, cost = action
                written.append(
                    services.credits_spend(
                        person=people[who], offer=offers[cost], by=cast.coordinator, key=key
                    )
                )
                expected[who] -= cost
            elif action[0] == "gift":
                _op, giver, receiver, amount = action
                written.append(
                    services.credits_gift(
                        giver=people[giver],
                        receiver=people[receiver],
                        amount=amount,
                        by=None,
                        key=key,
                    )
                )
                expected[giver] -= amount
                expected[receiver] += amount
            else:
                _op, index = action
                if not written:
                    continue
                original = written[index % len(written)]
                services.transaction_reverse(original=original, by=cast.coordinator, key=key)
                for posting in original.postings.select_related("account"):
                    if posting.account.person in people:
                        expected[people.index(posting.account.person)] -= posting.amount
        except ValidationError:
            expected = before
        balances = [ledger_queries.person_balances(p)[Unit.CREDITS] for p in people]
        assert balances == expected, (action, balances, expected)
        if not borrowing:
            assert min(balances) >= 0
        _checks, findings = queries.books_check()
        assert findings == [], findings
