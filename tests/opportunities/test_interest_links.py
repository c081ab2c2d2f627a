"""Saying "I'm interested" without signing in (issue 17, 6): found from outside, people
without a login could only be put down as interested by a coordinator."""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from coproduce.core.models import AuditAction, AuditEvent
from coproduce.opportunities import services
from coproduce.opportunities.models import Interest, InterestLink

pytestmark = pytest.mark.django_db


@pytest.fixture
def opportunity(cast):
    return services.opportunity_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={
            "title": "Interview panel",
            "kind": "interview_panel",
            "involves": "One morning of interviews.",
            "recognition": "£45 or 3 time credits",
            "closes_on": timezone.localdate() + datetime.timedelta(days=10),
        },
    )


def test_a_person_who_never_signs_in_says_they_are_interested_by_their_own_link(
    cast, client_for, opportunity
):
    staff = client_for(cast.coordinator)
    detail = f"/orgs/acme/opportunities/{opportunity.pk}/"
    assert f"{detail}links/" in staff.get(detail).content.decode()
    made = staff.post(f"{detail}links/", {"people": [cast.coproducer.pk]})
    link = re.search(r"http://testserver(/interested/[^<\s]+/)", made.content.decode()).group(1)
    # Only the hash is kept, and a second go keeps the first link.
    assert link.split("/")[2] not in InterestLink.objects.get().token_hash
    staff.post(f"{detail}links/", {"people": [cast.coproducer.pk]})
    assert InterestLink.objects.count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.OPPORTUNITY_LINKS).count() == 1

    visitor = Client()
    page = visitor.get(link)
    assert page.status_code == 200
    assert "One morning of interviews." in page.content.decode()
    said = visitor.post(link, {"note": "Mornings suit me; I need a hearing loop."})
    assert "you said you are interested" in said.content.decode()
    interest = Interest.objects.get()
    assert (interest.person, interest.note, interest.recorded_by) == (
        cast.coproducer,
        "Mornings suit me; I need a hearing loop.",
        None,
    )
    visitor.post(link, {"note": "again"})
    assert Interest.objects.count() == 1


def test_made_up_links_and_closed_opportunities_open_nothing(cast, client_for, opportunity):
    assert Client().get("/interested/made-up-token-000/").status_code == 404
    [(_person, token)] = services.interest_links_create(
        opportunity=opportunity, by=cast.coordinator, people=[cast.coproducer]
    )
    opportunity.closes_on = timezone.localdate() - datetime.timedelta(days=1)
    opportunity.save()
    closed = Client().post(f"/interested/{token}/", {"note": ""})
    assert closed.status_code == 409
    assert not Interest.objects.exists()
    assert (
        client_for(cast.member).get(f"/orgs/acme/opportunities/{opportunity.pk}/links/").status_code
        == 403
    )
