"""Every count of people that insight publishes, on "Who takes part" (every activity,
every group, quarter by quarter) and on a network's roll-up, for made-up populations:
each stands for its true count, and no figure alone or set against any other figure for
the same people pins a group to a size from 1 to 4 (issue 20, must show)."""

import datetime
from itertools import combinations
from typing import Any

from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coproduce.core.models import OrganisationKind
from coproduce.core.services import network_member_add, network_sharing_set
from coproduce.insight import network, queries
from coproduce.insight.suppression import SMALLEST, Published
from coproduce.people.models import ConsentPurpose
from coproduce.people.services import consent_record, special_category_save
from coproduce.sessions.services import register_save, session_create
from tests.factories import OrganisationFactory, PersonFactory

ETHNICITIES = ["white", "black", "asian", "mixed", "other", ""]
AGES = ["18_24", "25_34", "65_74", ""]

person = st.tuples(
    st.integers(min_value=0, max_value=2),  # which organisation: the network or a member
    st.sampled_from(ETHNICITIES),  # "" for not recorded
    st.sampled_from(AGES),
    st.sets(st.integers(min_value=0, max_value=2), min_size=1),  # sessions came to
    st.booleans(),  # spoke
)


def _published(found: queries.Participation, rolled: network.Rollup) -> list[Published]:
    figures = []
    for table in found.tables:
        figures += [table.total, table.not_recorded, *(row.count for row in table.rows)]
    assert found.trend is not None
    figures += found.trend.recorded
    figures += [row.figures.published_people for row in rolled.rows]
    figures += [rolled.total.published_people, *(q.people for q in rolled.quarters)]
    return figures


def _pins_a_small_group(a: Published, b: Published) -> bool:
    (a_low, a_high), (b_low, b_high) = a.bounds(), b.bounds()
    for low, high in [(a_low, a_high), (a_low - b_high, a_high - b_low)]:
        if max(low, 0) == high and 1 <= high < SMALLEST:
            return True
    return False


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(person, max_size=24))
def test_no_published_figure_reveals_a_group_smaller_than_five(cast: Any, people: list) -> None:
    with transaction.atomic():
        members = [
            OrganisationFactory(kind=OrganisationKind.COMMUNITY, slug=f"member-{n}")
            for n in range(2)
        ]
        for member in members:
            network_member_add(network=cast.org, organisation=member, by=cast.admin)
        network_sharing_set(organisation=members[0], network=cast.org, shares=True, by=None)
        organisations = [cast.org, *members]
        when = [timezone.now() - datetime.timedelta(days=days) for days in (0, 100, 200)]
        sessions = {
            (o.pk, n): session_create(
                organisation=o,
                by=cast.admin,
                details={"title": "Forum", "kind": "forum", "starts_at": when[n], "hours": 2},
            )
            for o in organisations
            for n in range(3)
        }
        came: dict[Any, list[Any]] = {key: [] for key in sessions}
        true_ethnicity: dict[str, int] = {}
        for org_index, ethnicity, age, attended, _spoke in people:
            organisation = organisations[org_index]
            someone = PersonFactory(organisation=organisation)
            if ethnicity:
                consent_record(
                    person=someone,
                    purpose=ConsentPurpose.SPECIAL_CATEGORY,
                    given_on=datetime.date(2026, 1, 5),
                    by=cast.admin,
                )
                special_category_save(
                    person=someone,
                    by=cast.admin,
                    values={"ethnicity": ethnicity, "age_band": age},
                )
                if org_index != 2:  # the lone member that has not agreed is left out
                    true_ethnicity[ethnicity] = true_ethnicity.get(ethnicity, 0) + 1
            for n in attended:
                came[(organisation.pk, n)].append(someone)
        for key, present in came.items():
            if present:
                register_save(session=sessions[key], by=cast.admin, present=present)

        today = timezone.localdate()
        since = today - datetime.timedelta(days=300)
        scope = network.network_scope(cast.org)
        assert scope.left_out == [members[1]]
        counted = sum(1 for p in people if p[0] != 2)
        rolled = network.rollup(scope, since, today)
        figures: list[Published] = []
        for activity, _label in queries.activities():
            found = queries.participation(
                cast.org, since, today, activity, scope.counted[1:], over_time="age_band"
            )
            figures += _published(found, rolled)
            if activity == "took_part":
                ethnicity = next(t for t in found.tables if t.dimension == "ethnicity")
                assert ethnicity.total.bounds()[0] <= counted <= ethnicity.total.bounds()[1]
                for row in ethnicity.rows:
                    low, high = row.count.bounds()
                    assert low <= true_ethnicity.get(row.category, 0) <= high
        assert not any(_pins_a_small_group(f, f) for f in figures)
        assert not any(_pins_a_small_group(a, b) for a, b in combinations(set(figures), 2))
        transaction.set_rollback(True)
