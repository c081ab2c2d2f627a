"""A monthly statement for each person recognised for their time, in plain words, sent
their own way once a month (issue 18)."""

import datetime
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command

from coproduce.messaging.models import Kind, Message
from coproduce.recognition import queries, services
from coproduce.recognition.models import Method
from coproduce.recognition.monthly import last_month, statements_send

pytestmark = pytest.mark.django_db


def test_last_months_statement_goes_once_to_each_person_recognised(cast: Any, deliver: Any) -> None:
    noor = cast.coproducer
    noor.email, noor.contact_preference = "noor@example.test", "email"
    noor.save()
    month = last_month()
    services.award_create(
        organisation=cast.org,
        by=cast.coordinator,
        person=noor,
        description="Reading papers",
        happened_on=month,
        hours=Decimal("3"),
        method=Method.CREDITS,
        amount=3,
    )
    services.awards_approve(
        organisation=cast.org, by=cast.admin, awards=queries.awards_in(cast.org)
    )
    assert statements_send() == 1
    assert statements_send() == 0  # once a month, however often it runs
    deliver()
    [email] = mail.outbox
    label = month.strftime("%B %Y")
    assert email.subject == f"Your statement for {label}"
    assert f"For your time in {month:%B} you chose 3 time credits." in email.body
    assert "Your time credits now: 3 time credits." in email.body
    assert "You get these because you are recognised for your time." in email.body
    assert Message.objects.get().kind == Kind.STATEMENT


def test_nobody_recognised_gets_nothing_and_the_command_reads_a_month(cast: Any) -> None:
    out = StringIO()
    call_command("monthly_statements", "--month", "2026-01", stdout=out)
    assert out.getvalue().strip() == "statements queued: 0"
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM"):
        call_command("monthly_statements", "--month", "January")
    assert last_month(datetime.date(2026, 3, 15)) == datetime.date(2026, 2, 1)
    assert last_month(datetime.date(2026, 1, 1)) == datetime.date(2025, 12, 1)
