"""A network's roll-up (issue 20): its members' work added up, members named only when
they agreed, a lone member that has not agreed left out, and nobody's details crossing."""

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Sum
from django.utils import timezone

from coproduce.assessments import services as assessment_services
from coproduce.assessments.queries import results_for
from coproduce.assessments.services import AnswerInput
from coproduce.core.models import AuditEvent, Membership, OrganisationKind, Role
from coproduce.core.services import network_member_add, network_sharing_set
from coproduce.frameworks.models import Statement, StatementSet
from coproduce.insight import network, queries
from coproduce.recognition.models import Award, AwardStatus
from coproduce.recognition.services.awards import awards_approve, awards_propose
from coproduce.recognition.services.policy import choice_set, rate_set
from coproduce.sessions.services import register_save, session_create
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory

URL = "/orgs/acme/network/"
TODAY = timezone.localdate()
YEAR_AGO = TODAY - datetime.timedelta(days=364)


def _member(cast: Any, slug: str, shares: bool, kind: str = OrganisationKind.VOLUNTARY) -> Any:
    organisation = OrganisationFactory(name=slug.title(), slug=slug, kind=kind)
    network_member_add(network=cast.org, organisation=organisation, by=cast.admin)
    if shares:
        admin = MembershipFactory(organisation=organisation, role=Role.ADMIN).user
        network_sharing_set(organisation=organisation, network=cast.org, shares=True, by=admin)
    return organisation


def _work(organisation: Any, by: Any, people: int, sessions: int = 1, co: str = "") -> list[Any]:
    came = [
        PersonFactory(organisation=organisation, preferred_name=f"{organisation.slug}-{n}")
        for n in range(people)
    ]
    for n in range(sessions):
        session = session_create(
            organisation=organisation,
            by=by,
            details={
                "title": "Forum",
                "kind": "forum",
                "starts_at": timezone.now() - datetime.timedelta(days=n),
                "hours": 2,
                "co": co,
                "rung": "co-production",
            },
        )
        register_save(session=session, by=by, present=came)
    return came


def test_members_work_is_added_up_and_only_agreeing_members_are_named(cast):
    named = _member(cast, "named", shares=True)
    quiet_one = _member(cast, "quiet-one", shares=False)
    quiet_two = _member(cast, "quiet-two", shares=False)
    _work(cast.org, cast.admin, people=6, co="co-design")
    for n, person in enumerate(_work(named, cast.admin, people=7, sessions=2, co="co-delivery")):
        choice = "time_credits" if n % 2 else "payment"
        choice_set(
            person=person, by=cast.admin, preference=choice, weekly_pence=None, yearly_pence=None
        )
    _work(quiet_one, cast.admin, people=3)
    _work(quiet_two, cast.admin, people=4)
    rate_set(organisation=named, by=cast.admin, session_kind="", details={"pence_per_hour": 1250})
    awards_propose(organisation=named, by=cast.admin, start=YEAR_AGO, end=TODAY)
    awards_approve(
        organisation=named,
        by=cast.admin,
        awards=Award.objects.filter(organisation=named),
        over_caps_confirmed=True,
    )

    scope = network.network_scope(cast.org)
    assert scope.named == [named]
    assert scope.unnamed == [quiet_one, quiet_two]
    found = network.rollup(scope, YEAR_AGO, TODAY)
    labels = [row.label for row in found.rows]
    assert labels == [
        "Acme Community Network (its own work)",
        "Named",
        "2 members that keep their figures to themselves",
    ]
    # Sessions and hours add up exactly; people are published rounded, never exact.
    assert found.total.sessions == 1 + 2 + 1 + 1
    assert found.total.hours == Decimal(2) * (6 + 7 * 2 + 3 + 4)
    assert found.total.people == 6 + 7 + 3 + 4
    assert found.total.published_people.value == 20
    others = found.rows[2].figures
    assert others.people == 7
    assert others.published_people.value == 5
    credits = Award.objects.filter(
        organisation=named, status=AwardStatus.APPROVED, method="time_credits"
    ).aggregate(total=Sum("amount"))["total"]
    paid = (
        Award.objects.filter(organisation=named, status=AwardStatus.APPROVED)
        .exclude(method="time_credits")
        .aggregate(total=Sum("amount"))["total"]
        or 0
    )
    assert (found.total.credits, found.total.paid) == (credits or 0, paid)
    assert credits
    assert paid
    assert dict(found.four_cos)["Co-design"] == 1
    assert dict(found.four_cos)["Co-delivery"] == 2
    assert "No co-commissioning anywhere in the network in this period." in found.gaps


def test_a_lone_member_that_has_not_agreed_is_left_out_so_it_cannot_be_worked_out(cast):
    named = _member(cast, "named", shares=True)
    alone = _member(cast, "alone", shares=False)
    _work(named, cast.admin, people=5)
    _work(alone, cast.admin, people=5, sessions=3)
    scope = network.network_scope(cast.org)
    assert scope.left_out == [alone]
    assert scope.unnamed == []
    found = network.rollup(scope, YEAR_AGO, TODAY)
    assert found.total.sessions == 1  # the named member's only
    assert any("Alone is not counted" in gap for gap in found.gaps)


def test_a_member_deeper_down_is_named_only_if_every_link_agreed(cast):
    locality = _member(cast, "locality", shares=False, kind=OrganisationKind.NETWORK)
    group = OrganisationFactory(name="Group", slug="group", kind=OrganisationKind.COMMUNITY)
    network_member_add(network=locality, organisation=group, by=cast.admin)
    network_sharing_set(organisation=group, network=locality, shares=True, by=cast.admin)
    # The group agreed to show its figures to the locality network, not to acme.
    assert network.network_scope(cast.org).named == []
    assert set(network.network_scope(cast.org).unnamed) == {locality, group}
    network_sharing_set(organisation=locality, network=cast.org, shares=True, by=cast.admin)
    assert network.network_scope(cast.org).named == [group, locality]


def test_a_score_is_the_same_as_the_results_page_and_moves_with_the_next_round(cast):
    six = StatementSet.objects.get(key="six-elements-check", framework__is_current=True)
    statements = list(Statement.objects.filter(statement_set=six))

    def round_with(scores: list[int], previous: Any = None) -> Any:
        assessment = assessment_services.assessment_create(
            organisation=cast.org,
            by=cast.coordinator,
            title="Round",
            subject="",
            statement_set=six,
            previous=previous,
        )
        for score in scores:
            respondent = assessment_services.respondent_invite(
                assessment=assessment, by=cast.coordinator, group="staff"
            ).respondent
            assessment_services.answers_save(
                respondent=respondent,
                answers=[AnswerInput(s.pk, score - (n % 2)) for n, s in enumerate(statements)],
            )
            assessment_services.respondent_submit(respondent=respondent)
        return assessment

    first = round_with([2, 3])
    second = round_with([3, 4, 4], previous=first)
    found = network.rollup(network.network_scope(cast.org), YEAR_AGO, TODAY)
    score = found.rows[0].score
    assert score is not None
    assert score.mean == results_for(second).overall_mean
    assert score.change == results_for(second).overall_mean - results_for(first).overall_mean
    assert score.change > 0
    assert found.moved_up == 1
    assert found.assessed == 1


def test_the_page_shows_figures_never_people_and_opens_only_agreeing_members(cast, client_for):
    named = _member(cast, "named", shares=True)
    quiet = [_member(cast, f"quiet-{n}", shares=False) for n in range(2)]
    for organisation in [named, *quiet]:
        _work(organisation, cast.admin, people=6)
    page = client_for(cast.commissioner).get(URL)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Everyone added up" in text
    assert "Named" in text
    assert "Quiet-0" not in text  # not named without agreement
    assert "quiet-0-1" not in text
    assert "named-1" not in text

    one = client_for(cast.commissioner).get(URL, {"member": "named"})
    assert one.status_code == 200
    assert "Named on its own." in one.content.decode()
    refused = client_for(cast.commissioner).get(URL, {"member": "quiet-0"})
    assert refused.status_code == 400
    assert "Choose a member from the list." in refused.content.decode()

    assert client_for(cast.member).get(URL).status_code == 403
    assert client_for(cast.outsider).get(URL).status_code == 404
    # Someone who runs a member, but has no role in the network, cannot see it either.
    runs_named = Membership.objects.get(organisation=named).user
    assert client_for(runs_named).get(URL).status_code == 404


def test_only_a_network_has_the_roll_up(cast, client_for):
    assert client_for(cast.outsider).get("/orgs/other/network/").status_code == 403


def test_a_members_admin_chooses_what_each_network_sees(cast, client_for):
    member = _member(cast, "member-org", shares=False)
    admin = MembershipFactory(organisation=member, role=Role.ADMIN).user
    coordinator = MembershipFactory(organisation=member, role=Role.COORDINATOR).user
    url = "/orgs/member-org/networks/sharing/"
    field = f"network_{cast.org.pk}"
    assert client_for(coordinator).post(url, {field: "on"}).status_code == 403
    page = client_for(admin).get(url)
    assert page.status_code == 200
    assert "Acme Community Network" in page.content.decode()
    assert client_for(admin).post(url, {field: "on"}).status_code == 302
    assert network.network_scope(cast.org).named == [member]
    event = AuditEvent.objects.get(organisation=member, action="network.sharing")
    assert event.changes == {"network": "acme", "shares_figures": True}
    client_for(admin).post(url, {})
    assert network.network_scope(cast.org).named == []
    # An organisation in no network has nothing to choose.
    assert client_for(cast.outsider).get("/orgs/other/networks/sharing/").status_code == 403


def test_who_takes_part_in_a_network_counts_its_members_people(cast):
    member = _member(cast, "member-org", shares=False)
    other = _member(cast, "member-two", shares=False)
    _work(cast.org, cast.admin, people=3)
    _work(member, cast.admin, people=4)
    _work(other, cast.admin, people=4)
    scope = network.network_scope(cast.org)
    found = queries.participation(cast.org, YEAR_AGO, TODAY, members=scope.counted[1:])
    assert found.tables[0].total.value == 10  # 11 people records, to the nearest 5
    alone = queries.participation(cast.org, YEAR_AGO, TODAY)
    assert alone.tables[0].total.hidden  # the network's own 3


def test_a_network_with_no_sessions_on_the_ladder_shows_no_shares(cast, client_for):
    found = network.rollup(network.network_scope(cast.org), YEAR_AGO, TODAY)
    assert [share for _label, _count, share in found.ladder] == [None] * len(found.ladder)
    assert client_for(cast.commissioner).get(URL).status_code == 200


def test_one_member_opened_on_its_own_speaks_of_itself(cast):
    named = _member(cast, "named", shares=True)
    _work(named, cast.admin, people=5, co="co-design")
    found = network.rollup(network.Scope(named), YEAR_AGO, TODAY)
    assert "No co-assessment in this period." in found.gaps
    assert found.rows[0].label == "Named (its own work)"


def test_kept_figures_follow_a_members_change_of_mind_at_once(cast, client_for):
    quiet = [_member(cast, f"quiet-{n}", shares=False) for n in range(3)]
    for organisation in quiet:
        _work(organisation, cast.admin, people=5)
    commissioner = client_for(cast.commissioner)
    assert "Quiet-0" not in commissioner.get(URL).content.decode()
    network_sharing_set(organisation=quiet[0], network=cast.org, shares=True, by=cast.admin)
    assert "Quiet-0" in commissioner.get(URL).content.decode()
