"""A monthly statement for each person recognised for their time: what they gave, what
they chose, and where their balances stand, in plain words, sent their own way
(issue 18). `coproduce manage monthly_statements` runs it early each month."""

from __future__ import annotations

import datetime
from functools import partial

from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation

from coproduce.ledger.models import Posting
from coproduce.messaging.models import Kind
from coproduce.messaging.services import Letter, queue_for
from coproduce.people.models import Person
from coproduce.recognition.models import Award, AwardStatus
from coproduce.recognition.statement import statement_for


def last_month(today: datetime.date | None = None) -> datetime.date:
    today = today or timezone.localdate()
    return (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


def recognised_in(month: datetime.date) -> list[Person]:
    """People with an approved award, or a movement on their accounts, that month."""
    end = (month + datetime.timedelta(days=32)).replace(day=1)
    by_award = Award.objects.filter(
        status=AwardStatus.APPROVED, happened_on__gte=month, happened_on__lt=end
    ).values("person_id")
    by_posting = Posting.objects.filter(
        account__person__isnull=False,
        transaction__created_at__date__gte=month,
        transaction__created_at__date__lt=end,
    ).values("account__person_id")
    return list(
        Person.objects.filter(erased_at__isnull=True)
        .filter(Q(pk__in=by_award) | Q(pk__in=by_posting))
        .select_related("organisation")
        .order_by("organisation_id", "pk")
    )


def _key(person: Person, month: datetime.date) -> str:
    return f"statement:{person.pk}:{month:%Y-%m}"


def statements_send(month: datetime.date | None = None) -> int:
    """Queue each recognised person's statement for `month` (last month by default),
    once however often it runs. Returns how many were queued."""
    month = month or last_month()
    today = timezone.localdate()
    months = max(0, (today.year - month.year) * 12 + today.month - month.month)
    count = 0
    for person in recognised_in(month):
        statement = statement_for(person, months=months + 1)
        found = next((m for m in statement.months if m.start == month), None)
        if found is None:
            continue
        with translation.override("cy" if person.language_code == "cy" else "en-gb"):
            label = found.label  # for GOV.UK Notify's template, in their language
        with transaction.atomic():
            count += len(
                queue_for(
                    organisation=person.organisation,
                    people=[person],
                    kind=Kind.STATEMENT,
                    letter=Letter(
                        "messages/statement",
                        {"month": found, "statement": statement},
                        personalisation={"month": label},
                    ),
                    caused_by=None,
                    key=partial(_key, month=month),
                )
            )
    return count
