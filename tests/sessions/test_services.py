import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from coproduce.people.models import Person
from coproduce.sessions import queries, services
from coproduce.sessions.models import Attendance
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _session(cast, **details):
    return services.session_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={
            "title": "Forum",
            "kind": "forum",
            "starts_at": timezone.now() + datetime.timedelta(days=3),
            **details,
        },
    )


def test_register_records_exactly_who_came_and_adds_newcomers(cast):
    session = _session(cast, hours=2)
    result = services.register_save(
        session=session,
        by=cast.coordinator,
        present=[cast.coproducer, cast.member_person],
        newcomers=["Ade", "  ", "Bex"],
    )
    assert (result.present, result.newcomers) == (4, 2)
    assert (
        Person.objects.filter(preferred_name__in=["Ade", "Bex"], organisation=cast.org).count() == 2
    )
    assert {a.hours for a in Attendance.objects.filter(session=session)} == {2}
    result = services.register_save(session=session, by=cast.coordinator, present=[cast.coproducer])
    assert (result.present, result.removed) == (1, 3)
    with pytest.raises(ValidationError):
        services.register_save(session=session, by=cast.coordinator, present=[cast.other_person])


def test_organiser_sees_what_invitees_need(cast):
    for kind in ("bsl", "bsl", "step_free"):
        PersonFactory(organisation=cast.org).access_needs.create(kind=kind)
    session = _session(cast)
    session.invitees.set(Person.objects.filter(organisation=cast.org))
    assert queries.invitee_needs(session) == [
        ("British Sign Language interpreter", 2),
        ("Step-free access", 1),
    ]
