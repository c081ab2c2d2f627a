"""With the mail server stopped, a change that sends a message still succeeds; the
message waits in the outbox and the real background worker delivers it when the
server is back (issue 18). The worker closes its database connection when done, as a
real one does, so this test commits for real."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from coproduce.messaging import tasks
from coproduce.messaging.models import Message, Status
from coproduce.sessions.services import session_create
from tests.factories import PersonFactory


@pytest.mark.django_db(transaction=True)
def test_a_page_that_sends_survives_the_mail_server_being_down(cast, client_for, smtp, run_tasks):
    person = PersonFactory(
        organisation=cast.org, email="asha@example.test", contact_preference="email"
    )
    starts = timezone.localtime() + datetime.timedelta(days=7)
    session = session_create(
        organisation=cast.org,
        by=cast.coordinator,
        invitees=[person],
        details={
            "title": "Carers forum",
            "kind": "forum",
            "starts_at": starts,
            "hours": Decimal(2),
        },
    )
    run_tasks()
    assert len(smtp.inbox.to("asha@example.test")) == 1

    smtp.stop()
    moved = starts + datetime.timedelta(days=1)
    answer = client_for(cast.coordinator).post(
        f"/orgs/acme/sessions/{session.pk}/change/",
        {
            "title": "Carers forum",
            "kind": "forum",
            "starts_at": moved.strftime("%Y-%m-%dT%H:%M"),
            "hours": "2",
            "invitees": [person.pk],
        },
    )
    assert answer.status_code == 302  # the move is saved; nobody sees an error
    run_tasks()  # the worker tries, and the mail server is not there
    update = Message.objects.get(kind="session_update")
    assert (update.status, update.attempts) == (Status.QUEUED, 1)
    assert "could not be reached" in update.last_error
    booked = DBTaskResult.objects.filter(task_path=tasks.TASK_PATH, status="READY")
    assert booked.get().run_after > timezone.now()  # the worker comes back for it

    smtp.start()
    # A minute later the worker tries again (its next run was booked for then).
    Message.objects.filter(pk=update.pk).update(next_attempt_at=timezone.now())
    tasks.wake()
    run_tasks()
    update.refresh_from_db()
    assert update.status == Status.SENT
    [_, received] = smtp.inbox.to("asha@example.test")
    assert received["Subject"] == "Changed: Carers forum"
