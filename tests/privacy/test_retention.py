import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from coproduce.core.models import AuditEvent
from coproduce.messaging.models import Message
from coproduce.people.models import Person
from coproduce.privacy import retention
from coproduce.sessions.services import register_save, session_create
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
LONG_AGO = timezone.now() - datetime.timedelta(days=365 * 4)


@pytest.fixture
def people(cast):
    quiet = PersonFactory(organisation=cast.org, email="quiet@example.test", phone="07700 900111")
    active = PersonFactory(organisation=cast.org, email="active@example.test")
    recent = PersonFactory(organisation=cast.org, email="recent@example.test")
    Person.objects.filter(pk__in=[quiet.pk, active.pk]).update(updated_at=LONG_AGO)
    session = session_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={"title": "Forum", "kind": "forum", "starts_at": timezone.now()},
    )
    register_save(session=session, by=cast.coordinator, present=[active])
    Person.objects.filter(pk=active.pk).update(updated_at=LONG_AGO)
    return quiet, active, recent


def test_only_people_inactive_for_the_set_years_are_cleared(cast, people):
    quiet, active, recent = people
    assert retention.due(cast.org) == []  # no rule set: nothing is ever due
    sent = Message.objects.create(
        organisation=cast.org, person=quiet, channel="email", kind="influence_update",
        to_address=quiet.email, body="An update", status="sent",
    )  # fmt: skip
    retention.rule_set(organisation=cast.org, by=cast.admin, contact_details_years=3)
    assert [d.person.pk for d in retention.due(cast.org)] == [quiet.pk]
    assert retention.apply(organisation=cast.org, by=cast.admin) == 1
    quiet.refresh_from_db()
    assert (quiet.email, quiet.phone, quiet.contact_preference) == ("", "", "in_person")
    sent.refresh_from_db()
    assert sent.to_address == ""  # the copy of their address in a message goes too
    assert Person.objects.get(pk=active.pk).email == "active@example.test"
    assert Person.objects.get(pk=recent.pk).email == "recent@example.test"
    assert AuditEvent.objects.filter(action="privacy.retention_applied").count() == 1
    assert retention.due(cast.org) == []


def test_command_dry_run_lists_and_changes_nothing(cast, people, capsys):
    quiet, _active, _recent = people
    retention.rule_set(organisation=cast.org, by=cast.admin, contact_details_years=3)
    call_command("retention", "--dry-run")
    out = capsys.readouterr().out
    assert f"acme: person {quiet.pk}, last active" in out
    assert "would clear contact details of 1 people" in out
    assert Person.objects.get(pk=quiet.pk).email == "quiet@example.test"
    call_command("retention")
    assert "cleared contact details of 1 people" in capsys.readouterr().out
    assert Person.objects.get(pk=quiet.pk).email == ""


def test_the_page_is_for_admins_and_shows_the_processing_record(cast, client_for, people):
    assert client_for(cast.coordinator).get("/orgs/acme/privacy/").status_code == 403
    admin = client_for(cast.admin)
    page = admin.get("/orgs/acme/privacy/").content.decode()
    assert "Record of processing activities" in page
    assert "special category" in page
    assert "Kept, no longer linked to the person." in page  # passages, outcomes
    assert "Deleted." in page  # access needs, agreements, quotes
    response = admin.post("/orgs/acme/privacy/", {"save": "1", "contact_details_years": "0"})
    assert "Choose from 1 to 20 years, or leave it empty." in response.content.decode()
    admin.post("/orgs/acme/privacy/", {"save": "1", "contact_details_years": "3"})
    page = admin.get("/orgs/acme/privacy/").content.decode()
    assert "The rule applies to 1 person now" in page
    admin.post("/orgs/acme/privacy/", {"apply": "1"})
    assert Person.objects.get(pk=people[0].pk).email == ""
