import datetime

import pytest
from django.core.exceptions import ValidationError

from coproduce.influence import queries, services
from coproduce.influence.models import InfluenceItem, ItemStatus, StatusChange
from coproduce.messaging import services as messaging
from coproduce.messaging.models import Message, Status
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 22)


def _item(cast, people=(), raised_on=None, **details):
    return services.item_create(
        organisation=cast.org,
        by=cast.coordinator,
        people=people,
        details={
            "title": "Meetings clash with the school run",
            "addressed_to": "The trust",
            **({"raised_on": raised_on} if raised_on else {}),
            **details,
        },
    )


def test_someone_must_have_raised_it_and_not_in_the_future(cast):
    with pytest.raises(ValidationError) as error:
        _item(cast)
    assert "raised_by_group" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _item(cast, raised_by_group="Forum", raised_on=datetime.date(2999, 1, 1))
    assert "raised_on" in error.value.message_dict
    with pytest.raises(ValidationError):
        _item(cast, people=[cast.other_person])
    assert not InfluenceItem.objects.exists()


def test_status_changes_are_recorded_and_people_are_told_their_way(cast, mailoutbox, deliver):
    by_email = PersonFactory(
        organisation=cast.org, email="jo@example.test", contact_preference="email"
    )
    in_person = PersonFactory(organisation=cast.org, contact_preference="in_person")
    item = _item(cast, people=[by_email, in_person])
    services.item_set_status(
        item=item,
        by=cast.coordinator,
        status="changed",
        response="Meetings now end by 2.30pm.",
        evidence="New times in the terms of reference.",
    )
    deliver()
    item.refresh_from_db()
    assert item.acknowledged_on is not None
    assert item.answered_on is not None
    assert StatusChange.objects.get(item=item).to_status == ItemStatus.CHANGED
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["jo@example.test"]
    assert "Meetings now end by 2.30pm." in mailoutbox[0].body
    follow_up = Message.objects.get(status=Status.TO_TELL)
    assert follow_up.person == in_person
    messaging.message_done(message=follow_up, by=cast.coordinator)
    assert Message.objects.get(pk=follow_up.pk).status == Status.TOLD


def test_not_changed_needs_a_reason_that_people_hear(cast):
    item = _item(cast, people=[cast.coproducer])
    with pytest.raises(ValidationError) as error:
        services.item_set_status(item=item, by=cast.coordinator, status="not_changed")
    assert "reason_not_changed" in error.value.message_dict
    services.item_set_status(
        item=item,
        by=cast.coordinator,
        status="not_changed",
        reason_not_changed="The building lease forbids evening use.",
    )
    assert "The building lease forbids evening use." in Message.objects.get().body


def test_setting_the_same_status_again_is_a_conflict(cast):
    item = _item(cast, raised_by_group="Forum")
    services.item_set_status(item=item, by=cast.coordinator, status="acknowledged")
    with pytest.raises(ValidationError) as error:
        services.item_set_status(item=item, by=cast.coordinator, status="acknowledged")
    assert error.value.error_dict["status"][0].code == "conflict"


def test_overdue_and_figures(cast):
    targets = services.targets_for(cast.org)  # 14 days to acknowledge, 90 to answer
    fresh = _item(cast, raised_by_group="A", raised_on=TODAY - datetime.timedelta(days=14))
    unacknowledged = _item(cast, raised_by_group="B", raised_on=TODAY - datetime.timedelta(days=15))
    slow = _item(cast, raised_by_group="C", raised_on=TODAY - datetime.timedelta(days=91))
    services.item_set_status(
        item=slow,
        by=cast.coordinator,
        status="acknowledged",
        on=TODAY - datetime.timedelta(days=80),
    )
    slow.refresh_from_db()
    quick = _item(cast, raised_by_group="D", raised_on=TODAY - datetime.timedelta(days=30))
    services.item_set_status(
        item=quick, by=cast.coordinator, status="changed", on=TODAY - datetime.timedelta(days=20)
    )
    late = _item(cast, raised_by_group="E", raised_on=TODAY - datetime.timedelta(days=200))
    services.item_set_status(
        item=late,
        by=cast.coordinator,
        status="not_changed",
        reason_not_changed="No budget",
        on=TODAY - datetime.timedelta(days=50),
    )
    assert queries.overdue(fresh, targets, TODAY) is None
    assert queries.overdue(unacknowledged, targets, TODAY) == "acknowledge"
    assert queries.overdue(slow, targets, TODAY) == "answer"
    figures = queries.figures_for(cast.org, targets, TODAY)
    assert (figures.total, figures.answered, figures.overdue) == (5, 2, 2)
    assert figures.answered_within_target == 0.5  # 10 days yes, 150 days no
    assert figures.led_to_change == 0.5
    assert figures.median_days_to_answer == 80


def test_going_back_or_changing_the_answer_needs_a_reason(cast):
    """Found from outside: an item could jump from "Changed" back to "Raised" with no word
    to the people who raised it."""
    item = _item(cast, people=[cast.coproducer])
    services.item_set_status(item=item, by=cast.coordinator, status=ItemStatus.IN_PROGRESS)
    services.item_set_status(
        item=item, by=cast.coordinator, status=ItemStatus.CHANGED, response="Moved to 7pm"
    )
    with pytest.raises(ValidationError) as refused:
        services.item_set_status(item=item, by=cast.coordinator, status=ItemStatus.RAISED)
    assert "note" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services.item_set_status(
            item=item,
            by=cast.coordinator,
            status=ItemStatus.NOT_CHANGED,
            reason_not_changed="No room free",
        )
    item.refresh_from_db()
    assert item.status == ItemStatus.CHANGED
    services.item_set_status(
        item=item,
        by=cast.coordinator,
        status=ItemStatus.IN_PROGRESS,
        note="The new time clashed with the bus timetable, so we are looking again.",
    )
    assert StatusChange.objects.filter(item=item).last().note.startswith("The new time")
