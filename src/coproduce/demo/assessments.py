"""Demo assessments: Wandle's two rounds against the six elements, built through the services."""

from __future__ import annotations

import datetime
from decimal import Decimal

from coproduce.assessments import services as assessment_services
from coproduce.assessments.models import Action, Assessment, Respondent
from coproduce.core.models import Organisation, User
from coproduce.demo import content
from coproduce.frameworks.models import Statement, StatementSet
from coproduce.people.models import Person

ROUND_DATES = {
    1: datetime.datetime(2026, 3, 20, 10, tzinfo=datetime.UTC),
    2: datetime.datetime(2026, 9, 18, 10, tzinfo=datetime.UTC),
}


def _score(typical: int, respondent_number: int, statement_number: int) -> int | None:
    """Spread answers around the typical score, with the odd "don't know"."""
    wobble = (respondent_number * 3 + statement_number * 5) % 5
    if wobble == 4 and respondent_number % 3 == 0:
        return None
    shift = {0: 0, 1: 1, 2: -1, 3: 0, 4: 0}[wobble]
    return max(0, min(4, typical + shift))


def load_demo_assessments(*, org: Organisation, coordinator: User, reviewer: User) -> None:
    six = StatementSet.objects.get(key="six-elements-check", framework__is_current=True)
    statements = list(Statement.objects.filter(statement_set=six).select_related("item"))
    people = list(Person.objects.filter(organisation=org).order_by("id"))
    previous = None
    for round_number in (1, 2):
        assessment = assessment_services.assessment_create(
            organisation=org,
            by=coordinator,
            title="How co-productive are we?",
            subject="The whole network",
            statement_set=six,
            previous=previous,
        )
        views = content.ASSESSMENT_VIEWS[round_number]
        number = 0
        for group, size in content.ASSESSMENT_GROUP_SIZES.items():
            for _ in range(size):
                number += 1
                issued = assessment_services.respondent_invite(
                    assessment=assessment,
                    by=coordinator,
                    group=group,
                    person=people[number % len(people)] if group == "co_producer" else None,
                    user=reviewer if group == "peer_reviewer" else None,
                    reviewer_organisation=(
                        "West Yorkshire Lived Experience Network"
                        if group == "peer_reviewer"
                        else ""
                    ),
                )
                answers = []
                for n, statement in enumerate(statements):
                    score = _score(views[group][statement.item.key], number, n)
                    answers.append(
                        assessment_services.AnswerInput(
                            statement.pk,
                            score,
                            dont_know=score is None,
                            evidence=content.ASSESSMENT_EVIDENCE.get(
                                (group, statement.item.key), ""
                            )
                            if n % 2 == 0
                            else "",
                        )
                    )
                assessment_services.answers_save(respondent=issued.respondent, answers=answers)
                assessment_services.respondent_submit(respondent=issued.respondent)
        # The demo happened in the past: date the round and its answers accordingly.
        when = ROUND_DATES[round_number]
        Assessment.objects.filter(pk=assessment.pk).update(created_at=when)
        Respondent.objects.filter(assessment=assessment).update(
            created_at=when, started_at=when, submitted_at=when + datetime.timedelta(days=7)
        )
        if round_number == 1:
            items = {item.key: item for item in six.framework.items.all()}
            for key, agreed, reason in content.AGREED_SCORES:
                assessment_services.moderation_record(
                    assessment=assessment,
                    item=items[key],
                    agreed_score=Decimal(agreed),
                    reason=reason,
                    by=coordinator,
                )
            for key, title, owner, due, status in content.ACTIONS:
                action = assessment_services.action_create(
                    assessment=assessment,
                    by=coordinator,
                    title=title,
                    owner=owner,
                    due_on=datetime.date.fromisoformat(due),
                    item=items[key],
                )
                Action.objects.filter(pk=action.pk).update(status=status)
        previous = assessment
