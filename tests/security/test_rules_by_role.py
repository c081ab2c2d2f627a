"""Every named permission rule, for every role, against a table a reviewer can read.

Columns: A admin, C coordinator, M co-producer (member), V viewer (commissioner),
R peer reviewer, N admin of a network the organisation belongs to (no role in it),
X someone not signed in. Y means allowed. Unless the row says otherwise, the rule is
asked about the organisation itself; "(someone's record)" is a person who is none of
these, "(own record)" is the co-producer's own, "(a story)" is the coordinator's draft,
"(reviewed)" is an assessment the peer reviewer was asked to review. The organisation is
itself a network, so its own admin moderates its stories too.
"""

from typing import Any

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from coproduce.core.models import OrganisationKind, Role
from coproduce.library.models import CaseStatus, CaseStudy
from tests.factories import MembershipFactory, OrganisationFactory

ROLES = "ACMVRNX"

TABLE = """
assessments.add_assessment                      YYNNNNN
assessments.export_answers                      YYNNNNN
assessments.list_assessments                    YYNYNNN
assessments.manage_assessment                   YYNNNNN
assessments.read_said                           YYYYNNN
assessments.set_levels                          YYNNNNN
assessments.view_results                        YYNYNNN
assessments.view_results (reviewed)             YYNYYNN
assessments.view_statistics (reviewed)          YYNNYNN
conversations.moderate                          NNNNNNN
conversations.name_moderators                   YNNNNNN
conversations.take_part                         YYYNNNN
conversations.view                              YYYYNNN
core.manage_memberships                         YNNNNNN
core.view_audit                                 YNNNNNN
core.view_organisation                          YYYYYNN
core.view_organisation_summary                  YYNYNNN
evidence.code                                   YYYNNNN
evidence.manage                                 YYNNNNN
evidence.view                                   YYYYNNN
frameworks.add_framework                        YYNNNNN
frameworks.view_org_frameworks                  YYYYYNN
influence.add_item                              YYNNNNN
influence.change_item                           YYNNNNN
influence.list_items                            YYYYNNN
insight.view_participation                      YYNYNNN
insight.set_reference                           YYNNNNN
insight.set_benchmarking                        YNNNNNN
insight.set_sharing                             YNNNNNN
insight.view_benchmarks                         YYNYNNN
insight.view_network                            YYNYNNN
reports.edit_review                             YYYNNNN
reports.manage_review                           YYNNNNN
reports.view_review                             YYYYNNN
messaging.list_messages                         YYNNNNN
messaging.follow_up                             YYNNNNN
initiatives.add_initiative                      YYNNNNN
initiatives.change_initiative                   YYNNNNN
initiatives.list_initiatives                    YYYYNNN
initiatives.view_initiative                     YYYYNNN
initiatives.view_planning                       YYNYNNN
library.edit_story (a story)                    YYNNNYN
library.moderate                                YNNNNYN
library.moderate_story (a story)                YNNNNYN
opportunities.express_interest                  YYYNNNN
opportunities.manage                            YYNNNNN
opportunities.view_opportunity                  YYYYNNN
peers.take_part                                 YYNNNNN
peers.view                                      YYNYNNN
people.add_person                               YYNNNNN
people.change_person (someone's record)         YYNNNNN
people.change_person (own record)               YYYNNNN
people.change_special_category (someone's record) YYNNNNN
people.change_special_category (own record)     YYYNNNN
people.delete_person (someone's record)         YNNNNNN
people.list_people                              YYNNNNN
people.manage_consent (someone's record)        YYNNNNN
people.manage_consent (own record)              YYYNNNN
people.view_person (someone's record)           YYNNNNN
people.view_person (own record)                 YYYNNNN
people.view_special_category (someone's record) YYNNNNN
people.view_special_category (own record)       YYYNNNN
privacy.erase_person (someone's record)         YNNNNNN
privacy.export_person (someone's record)        YYNNNNN
privacy.export_person (own record)              YYYNNNN
privacy.manage                                  YNNNNNN
recognition.manage                              YYNNNNN
recognition.own_statement                       YYYNNNN
recognition.use_timebank                        YYYNNNN
recognition.view_ledger                         YYNNNNN
sessions.add_session                            YYNNNNN
sessions.list_sessions                          YYYYNNN
sessions.take_register                          YYNNNNN
workshop.play                                   YYNNNNN
"""


def _rows() -> list[tuple[str, str, str]]:
    rows = []
    for line in TABLE.strip().splitlines():
        left, answers = line.rsplit(maxsplit=1)
        rule, _, about = left.partition(" (")
        rows.append((rule.strip(), about.rstrip(")") or "organisation", answers))
    return rows


def test_the_table_names_every_rule() -> None:
    named = {rule for rule, _about, _answers in _rows()}
    assert named == set(rules.permissions.permissions)
    assert len(named) == 67


@pytest.fixture
def world(cast: Any) -> dict[str, Any]:
    from coproduce.assessments.services import assessment_create, respondent_invite
    from coproduce.frameworks.models import StatementSet

    network = OrganisationFactory(kind=OrganisationKind.NETWORK, slug="umbrella")
    network.members.add(cast.org)
    six = StatementSet.objects.get(key="six-elements-check", framework__is_current=True)
    reviewed = assessment_create(
        organisation=cast.org, by=cast.admin, title="Round 1", subject="Us", statement_set=six
    )
    respondent_invite(assessment=reviewed, by=cast.admin, group="peer_reviewer", user=cast.reviewer)
    story = CaseStudy.objects.create(
        organisation=cast.org,
        title="Carers cafe",
        slug="carers-cafe",
        summary="A place to talk.",
        status=CaseStatus.DRAFT,
        created_by=cast.coordinator,
    )
    return {
        "people": {
            "A": cast.admin,
            "C": cast.coordinator,
            "M": cast.member,
            "V": cast.commissioner,
            "R": cast.reviewer,
            "N": MembershipFactory(organisation=network, role=Role.ADMIN).user,
            "X": AnonymousUser(),
        },
        "about": {
            "organisation": cast.org,
            "someone's record": cast.coproducer,
            "own record": cast.member_person,
            "a story": story,
            "reviewed": reviewed,
        },
    }


@pytest.mark.parametrize(("rule", "about", "answers"), _rows(), ids=lambda v: str(v))
def test_rule_by_role(world: dict[str, Any], rule: str, about: str, answers: str) -> None:
    subject = None if rule == "library.moderate" else world["about"][about]
    found = "".join("Y" if world["people"][role].has_perm(rule, subject) else "N" for role in ROLES)
    assert found == answers, f"{rule} ({about}): roles {ROLES}"
