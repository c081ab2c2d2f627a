import datetime

import pytest
from django.core.exceptions import ValidationError

from coproduce.frameworks.models import FrameworkItem
from coproduce.initiatives import services
from coproduce.initiatives.models import TeamMember
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _start(cast, **details):
    return services.initiative_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={
            "title": "Talking therapies at the temple",
            "service_area": "mental_health",
            **details,
        },
    )


def test_a_new_initiative_follows_the_five_steps_from_map_it(cast):
    initiative = _start(cast)
    assert initiative.stage_framework.key == "five-steps"
    assert initiative.stage.key == "map-it"


def test_stage_must_come_from_the_initiatives_framework(cast):
    initiative = _start(cast)
    other = FrameworkItem.objects.get(
        framework__key="ladder", framework__is_current=True, key="co-design"
    )
    with pytest.raises(ValidationError) as error:
        services.initiative_update(
            initiative=initiative, by=cast.coordinator, changes={}, set_stage=True, stage=other
        )
    assert "stage" in error.value.message_dict


def test_end_before_start_is_refused(cast):
    with pytest.raises(ValidationError) as error:
        _start(cast, starts_on=datetime.date(2026, 5, 1), ends_on=datetime.date(2026, 4, 1))
    assert "ends_on" in error.value.message_dict


def test_team_members_leave_but_stay_on_record(cast):
    initiative = _start(cast)
    member = services.team_member_add(
        initiative=initiative, person=cast.coproducer, role="co_chair", by=cast.coordinator
    )
    with pytest.raises(ValidationError):
        services.team_member_add(
            initiative=initiative, person=cast.coproducer, role="co_chair", by=cast.coordinator
        )
    services.team_member_leave(member=member, by=cast.coordinator)
    again = services.team_member_add(
        initiative=initiative, person=cast.coproducer, role="co_chair", by=cast.coordinator
    )
    assert TeamMember.objects.filter(initiative=initiative).count() == 2
    assert again.left_on is None


def test_team_and_partners_come_from_the_right_places(cast):
    initiative = _start(cast)
    with pytest.raises(ValidationError) as error:
        services.team_member_add(
            initiative=initiative, person=cast.other_person, role="champion", by=cast.coordinator
        )
    assert "person" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.initiative_update(
            initiative=initiative, by=cast.coordinator, changes={}, partners=[cast.org]
        )
    assert "partners" in error.value.message_dict
    partner = OrganisationFactory()
    services.initiative_update(
        initiative=initiative, by=cast.coordinator, changes={}, partners=[partner]
    )
    assert list(initiative.partners.all()) == [partner]


def test_priority_ratings_are_checked_by_the_service(cast):
    initiative = _start(cast)
    with pytest.raises(ValidationError) as error:
        services.priority_save(
            initiative=initiative,
            by=cast.coordinator,
            values={"title": "Too big", "impact": 9, "effort": 1},
        )
    assert "impact" in error.value.message_dict


def test_charter_is_saved_and_audited(cast):
    from coproduce.core.models import AuditEvent

    initiative = _start(cast)
    charter = services.charter_save(
        initiative=initiative,
        by=cast.coordinator,
        values={"voluntariness": "You can stop at any time, and nothing changes about your care."},
    )
    assert charter.voluntariness.startswith("You can stop")
    assert AuditEvent.objects.filter(action="initiative.charter").exists()
    # A later change keeps what it said before (found from outside: only "Charter
    # changed" was kept, so a change could not be seen or undone).
    services.charter_save(
        initiative=initiative, by=cast.coordinator, values={"voluntariness": "Stop any time."}
    )
    latest = AuditEvent.objects.filter(action="initiative.charter").latest("id")
    assert latest.changes == {
        "voluntariness": [
            "You can stop at any time, and nothing changes about your care.",
            "Stop any time.",
        ]
    }
