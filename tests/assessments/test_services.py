import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from coproduce.assessments import services
from coproduce.assessments.models import Action, Answer, Respondent
from coproduce.assessments.services import AnswerInput, LinkError
from coproduce.frameworks.models import Statement, StatementSet

pytestmark = pytest.mark.django_db


def test_link_opens_saves_and_stops_working_once_sent(invite, statements):
    issued = invite("co_producer")
    respondent = services.respondent_for_link(issued.token)
    assert respondent.label == "Co-producers 1"
    services.answers_save(respondent=respondent, answers=[AnswerInput(statements[0].pk, 3)])
    # Answering again replaces the answer rather than adding one.
    services.answers_save(respondent=respondent, answers=[AnswerInput(statements[0].pk, 2)])
    assert Answer.objects.get(respondent=respondent).score == 2
    services.respondent_submit(respondent=respondent)
    with pytest.raises(LinkError) as problem:
        services.respondent_for_link(issued.token)
    assert problem.value.reason == "used"
    with pytest.raises(ValidationError):
        services.respondent_submit(respondent=respondent)
    with pytest.raises(ValidationError):
        services.answers_save(respondent=respondent, answers=[AnswerInput(statements[1].pk, 1)])


def test_expired_and_unknown_links_are_refused(invite):
    issued = invite()
    Respondent.objects.filter(pk=issued.respondent.pk).update(
        link_expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    with pytest.raises(LinkError) as problem:
        services.respondent_for_link(issued.token)
    assert problem.value.reason == "expired"
    with pytest.raises(LinkError) as problem:
        services.respondent_for_link("not-a-real-token")
    assert problem.value.reason == "unknown"


def test_score_outside_the_scale_saves_nothing(invite, statements):
    respondent = invite().respondent
    with pytest.raises(ValidationError) as error:
        services.answers_save(
            respondent=respondent,
            answers=[AnswerInput(statements[0].pk, 3), AnswerInput(statements[1].pk, 9)],
        )
    assert "answers.1.score" in error.value.message_dict
    assert not Answer.objects.exists()


def test_statement_from_another_framework_is_refused(invite):
    respondent = invite().respondent
    other = Statement.objects.filter(statement_set__key="way-ahead-check").first()
    with pytest.raises(ValidationError) as error:
        services.answers_save(respondent=respondent, answers=[AnswerInput(other.pk, 2)])
    assert "statement_id" in error.value.message_dict
    assert not Answer.objects.exists()


def test_dont_know_and_score_are_exclusive(invite, statements):
    respondent = invite().respondent
    with pytest.raises(ValidationError):
        services.answers_save(
            respondent=respondent, answers=[AnswerInput(statements[0].pk, 2, dont_know=True)]
        )
    with pytest.raises(ValidationError):
        services.answers_save(respondent=respondent, answers=[AnswerInput(statements[0].pk, None)])
    saved = services.answers_save(
        respondent=respondent, answers=[AnswerInput(statements[0].pk, None, dont_know=True)]
    )
    assert saved[0].score is None


def test_sending_with_no_answers_is_refused(invite):
    respondent = invite().respondent
    with pytest.raises(ValidationError) as error:
        services.respondent_submit(respondent=respondent)
    assert "answers" in error.value.message_dict


def test_next_round_carries_open_actions(cast, assessment, six):
    item = six.framework.items.get(key="reciprocity")
    services.action_create(
        assessment=assessment,
        by=cast.coordinator,
        title="Pay people fairly",
        owner="Grace",
        due_on=None,
        item=item,
    )
    done = services.action_create(
        assessment=assessment, by=cast.coordinator, title="Done one", owner="Grace", due_on=None
    )
    services.action_set_status(action=done, by=cast.coordinator, status="done")
    second = services.assessment_create(
        organisation=cast.org,
        by=cast.coordinator,
        title="",
        subject="",
        statement_set=six,
        previous=assessment,
    )
    assert second.round_number == 2
    carried = Action.objects.get(assessment=second)
    assert carried.title == "Pay people fairly"
    assert carried.carried_from.assessment == assessment


def test_statements_of_another_organisations_framework_are_refused(cast):
    from coproduce.frameworks.services import framework_create

    framework = framework_create(
        organisation=cast.other_org,
        by=cast.outsider,
        title="Theirs",
        kind="principles",
        description="",
        items_text="A",
    )
    statement_set = StatementSet.objects.create(framework=framework, key="theirs", title="T")
    with pytest.raises(ValidationError) as error:
        services.assessment_create(
            organisation=cast.org, by=cast.admin, title="", subject="", statement_set=statement_set
        )
    assert "statement_set" in error.value.message_dict


def test_moderation_needs_a_reason_and_a_score_on_the_scale(cast, assessment, six):
    item = six.framework.items.get(key="assets")
    with pytest.raises(ValidationError) as error:
        services.moderation_record(
            assessment=assessment, item=item, agreed_score=7, reason="x", by=cast.coordinator
        )
    assert "agreed_score" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.moderation_record(
            assessment=assessment, item=item, agreed_score=2, reason=" ", by=cast.coordinator
        )
    assert "reason" in error.value.message_dict
    agreed = services.moderation_record(
        assessment=assessment,
        item=item,
        agreed_score=2,
        reason="Staff saw it differently",
        by=cast.coordinator,
    )
    assert agreed.agreed_score == 2


def test_levels_can_be_set_by_the_organisation(cast):
    from decimal import Decimal

    services.levels_set(
        organisation=cast.org,
        by=cast.admin,
        levels=[("Getting going", Decimal("0")), ("Gold", Decimal("3.2"))],
    )
    assert [lvl.name for lvl in services.levels_ensure(cast.org)] == ["Getting going", "Gold"]
    with pytest.raises(ValidationError):
        services.levels_set(
            organisation=cast.org,
            by=cast.admin,
            levels=[("Same", Decimal("0")), ("Same", Decimal("1"))],
        )
