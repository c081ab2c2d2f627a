import datetime

import pytest
from django.core.exceptions import ValidationError

from coproduce.core.models import AuditEvent
from coproduce.people import services
from coproduce.people.models import ConsentPurpose, Person, SpecialCategoryData

pytestmark = pytest.mark.django_db

SPECIAL = {
    "ethnicity": "asian",
    "gender": "woman",
    "age_band": "25_34",
    "disability": "yes",
    "lived_experience": ["mental_health", "homelessness"],
}


def _agree(person, by):
    return services.consent_record(
        person=person,
        purpose=ConsentPurpose.SPECIAL_CATEGORY,
        given_on=datetime.date(2026, 2, 1),
        by=by,
    )


def test_create_person_with_access_needs_is_audited_on_their_behalf(cast):
    person = services.person_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={"preferred_name": "Ayo", "email": " Ayo@Example.TEST "},
        access_needs=["bsl", "step_free", "bsl"],
    )
    assert person.email == "ayo@example.test"
    assert sorted(person.access_needs.values_list("kind", flat=True)) == ["bsl", "step_free"]
    event = AuditEvent.objects.get(action="person.create", target_id=person.pk)
    assert event.actor == cast.coordinator
    assert event.on_behalf_of == person.pk


def test_bad_details_name_the_field_and_save_nothing(cast):
    before = Person.objects.count()
    with pytest.raises(ValidationError) as error:
        services.person_create(
            organisation=cast.org,
            by=cast.coordinator,
            details={"preferred_name": "", "email": "nope"},
            access_needs=["wings"],
        )
    assert "access_needs" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.person_create(
            organisation=cast.org,
            by=cast.coordinator,
            details={"preferred_name": "", "email": "nope"},
        )
    assert set(error.value.message_dict) >= {"preferred_name", "email"}
    assert Person.objects.count() == before


def test_update_records_old_and_new_values_and_leaves_others(cast):
    person = cast.coproducer
    services.person_update(
        person=person,
        by=cast.coordinator,
        changes={"pronouns": "she/her"},
        access_needs=["quiet_space"],
    )
    person.refresh_from_db()
    assert person.preferred_name == "Noor"
    event = AuditEvent.objects.get(action="person.update", target_id=person.pk)
    assert event.changes == {"pronouns": ["", "she/her"], "access_needs": [[], ["quiet_space"]]}
    assert event.on_behalf_of == person.pk


def test_editing_your_own_record_is_not_on_behalf_of_anyone(cast):
    services.person_update(
        person=cast.member_person, by=cast.member, changes={"pronouns": "he/him"}
    )
    event = AuditEvent.objects.get(action="person.update")
    assert event.on_behalf_of is None


def test_special_category_data_needs_a_recorded_consent(cast):
    with pytest.raises(ValidationError) as error:
        services.special_category_save(person=cast.coproducer, by=cast.coordinator, values=SPECIAL)
    assert "consent" in error.value.message_dict
    assert "agreement" in error.value.message_dict["consent"][0]
    assert not SpecialCategoryData.objects.exists()


def test_special_category_saved_with_consent_and_audit_never_holds_values(cast):
    _agree(cast.coproducer, cast.coordinator)
    record = services.special_category_save(
        person=cast.coproducer, by=cast.coordinator, values=SPECIAL
    )
    assert record.lived_experience == ["mental_health", "homelessness"]
    event = AuditEvent.objects.get(action="special_category.save")
    assert sorted(event.changes["fields"]) == sorted(SPECIAL)
    logged = str(list(AuditEvent.objects.values_list("changes", flat=True)))
    for value in ("asian", "woman", "25_34", "mental_health", "homelessness"):
        assert value not in logged


def test_withdrawing_consent_removes_special_category_data(cast):
    consent = _agree(cast.coproducer, cast.coordinator)
    services.special_category_save(person=cast.coproducer, by=cast.coordinator, values=SPECIAL)
    services.consent_withdraw(consent=consent, by=cast.coordinator)
    assert not SpecialCategoryData.objects.filter(person=cast.coproducer).exists()
    assert services.special_category_open(person=cast.coproducer, by=cast.coordinator) is None
    event = AuditEvent.objects.get(action="consent.withdraw")
    assert event.changes["special_category_deleted"] is True
    with pytest.raises(ValidationError):
        services.consent_withdraw(consent=consent, by=cast.coordinator)


def test_viewing_someone_elses_special_category_data_is_audited(cast):
    _agree(cast.coproducer, cast.coordinator)
    services.special_category_save(person=cast.coproducer, by=cast.coordinator, values=SPECIAL)
    services.special_category_open(person=cast.coproducer, by=cast.coordinator)
    assert (
        AuditEvent.objects.filter(action="special_category.view", actor=cast.coordinator).count()
        == 1
    )


def test_a_purpose_can_only_be_agreed_once_at_a_time_and_not_in_the_future(cast):
    _agree(cast.coproducer, cast.coordinator)
    with pytest.raises(ValidationError) as error:
        _agree(cast.coproducer, cast.coordinator)
    assert "purpose" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.consent_record(
            person=cast.coproducer,
            purpose=ConsentPurpose.CONTACT,
            given_on=datetime.date(2999, 1, 1),
            by=cast.coordinator,
        )
    assert "given_on" in error.value.message_dict


def test_unknown_lived_experience_is_refused(cast):
    _agree(cast.coproducer, cast.coordinator)
    with pytest.raises(ValidationError) as error:
        services.special_category_save(
            person=cast.coproducer, by=cast.coordinator, values={"lived_experience": ["dragons"]}
        )
    assert "lived_experience" in error.value.message_dict
    assert not SpecialCategoryData.objects.exists()
