"""Results: exact, order-free, "don't know" is never 0, withdrawn answers leave."""

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from coproduce.assessments import queries, services
from coproduce.assessments.models import Respondent
from coproduce.assessments.services import AnswerInput
from coproduce.core.models import Role
from coproduce.frameworks.models import Statement, StatementSet
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

ANSWER = st.one_of(st.none(), st.integers(min_value=0, max_value=4))  # None: don't know
GROUP = st.sampled_from(["staff", "co_producer", "peer_reviewer"])
RESPONDENTS = st.lists(
    st.tuples(GROUP, st.lists(ANSWER, min_size=12, max_size=12)), min_size=1, max_size=6
)


def _run(org, user, data, order_seed=None):
    six = StatementSet.objects.get(key="six-elements-check", framework__is_current=True)
    statements = list(Statement.objects.filter(statement_set=six))
    assessment = services.assessment_create(
        organisation=org, by=user, title="", subject="", statement_set=six
    )
    for group, answers in data:
        respondent = services.respondent_invite(
            assessment=assessment, by=user, group=group
        ).respondent
        inputs = [
            AnswerInput(s.pk, score, dont_know=score is None)
            for s, score in zip(statements, answers, strict=True)
        ]
        if order_seed is not None:
            random.Random(order_seed).shuffle(inputs)
            for one in inputs:
                services.answers_save(respondent=respondent, answers=[one])
        else:
            services.answers_save(respondent=respondent, answers=inputs)
        services.respondent_submit(respondent=respondent)
    return assessment


def _figures(assessment):
    results = queries.results_for(assessment)
    return [
        (
            r.item.key,
            r.overall.count,
            r.overall.dont_know,
            r.overall.total,
            tuple((g, c.count, c.total, c.total_sq) for g, c in sorted(r.by_group.items())),
        )
        for r in results.items
    ], results.overall_mean


class ResultPropertiesTest(TestCase):
    @settings(max_examples=15, deadline=None)
    @given(data=RESPONDENTS, seed=st.integers(min_value=0, max_value=10_000))
    def test_results_do_not_depend_on_the_order_answers_arrive(self, data, seed):
        org = OrganisationFactory()
        user = MembershipFactory(organisation=org, role=Role.COORDINATOR).user
        in_order = _figures(_run(org, user, data))
        shuffled = _figures(_run(org, user, list(reversed(data)), order_seed=seed))
        assert in_order == shuffled

    @settings(max_examples=15, deadline=None)
    @given(data=RESPONDENTS)
    def test_dont_know_never_counts_as_zero(self, data):
        org = OrganisationFactory()
        user = MembershipFactory(organisation=org, role=Role.COORDINATOR).user
        results = queries.results_for(_run(org, user, data))
        six = StatementSet.objects.get(key="six-elements-check", framework__is_current=True)
        statements = list(Statement.objects.filter(statement_set=six).select_related("item"))
        for result in results.items:
            indexes = [n for n, s in enumerate(statements) if s.item_id == result.item.pk]
            scores = [answers[n] for _g, answers in data for n in indexes if answers[n] is not None]
            unknown = sum(1 for _g, answers in data for n in indexes if answers[n] is None)
            assert result.overall.count == len(scores)
            assert result.overall.dont_know == unknown
            expected = sum(scores) / len(scores) if scores else None
            assert result.overall.mean == expected

    @settings(max_examples=10, deadline=None)
    @given(kept=RESPONDENTS, withdrawn=RESPONDENTS)
    def test_a_withdrawn_respondent_leaves_the_results(self, kept, withdrawn):
        org = OrganisationFactory()
        user = MembershipFactory(organisation=org, role=Role.COORDINATOR).user
        only_kept = _figures(_run(org, user, kept))
        both = _run(org, user, kept + withdrawn)
        for respondent in Respondent.objects.filter(assessment=both).order_by("id")[len(kept) :]:
            services.respondent_withdraw(respondent=respondent, by=user)
        assert _figures(both) == only_kept


def test_unsent_answers_do_not_count(cast, invite, statements, assessment):
    sent, unsent = invite().respondent, invite().respondent
    services.answers_save(respondent=sent, answers=[AnswerInput(statements[0].pk, 4)])
    services.answers_save(respondent=unsent, answers=[AnswerInput(statements[0].pk, 0)])
    services.respondent_submit(respondent=sent)
    first = queries.results_for(assessment).items[0]
    assert (first.overall.count, first.overall.mean) == (1, 4.0)


def test_gap_between_staff_and_co_producers_and_level(cast, invite, statements, assessment):
    for group, score in (("staff", 4), ("staff", 4), ("co_producer", 1), ("co_producer", 2)):
        respondent = invite(group).respondent
        services.answers_save(
            respondent=respondent, answers=[AnswerInput(s.pk, score) for s in statements]
        )
        services.respondent_submit(respondent=respondent)
    results = queries.results_for(assessment)
    first = results.items[0]
    assert first.staff_co_producer_gap == 2.5
    assert first.gap_to_discuss
    assert results.overall_mean == 2.75
    assert results.level == "Embedded"
    assert results.next_level.name == "Gold standard"


def test_four_cos_map_names_the_co_assessment_gap(cast):
    four = StatementSet.objects.get(key="four-cos-map", framework__is_current=True)
    assessment = services.assessment_create(
        organisation=cast.org, by=cast.coordinator, title="", subject="", statement_set=four
    )
    respondent = services.respondent_invite(
        assessment=assessment, by=cast.coordinator, group="staff"
    ).respondent
    scores = {"co-managing": 3, "co-performing": 3, "co-monitoring": 0, "co-evaluation": 0}
    services.answers_save(
        respondent=respondent,
        answers=[
            AnswerInput(s.pk, scores.get(s.item.key, 2))
            for s in Statement.objects.filter(statement_set=four).select_related("item")
        ],
    )
    services.respondent_submit(respondent=respondent)
    results = queries.results_for(assessment)
    assert [row["key"] for row in results.four_cos] == [
        "co-commissioning",
        "co-design",
        "co-delivery",
        "co-assessment",
    ]
    assert any("co-assessment is the gap" in gap for gap in results.four_cos_gaps)
