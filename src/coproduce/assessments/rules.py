"""Named permission rules for assessments."""

from typing import Any

import rules
from django.contrib.auth.models import AnonymousUser

from coproduce.assessments.models import Assessment, RespondentGroup
from coproduce.core.models import User
from coproduce.core.rules import is_member, is_staff_role, is_viewer


@rules.predicate
def is_reviewer_of(user: User | AnonymousUser, assessment: Any) -> bool:
    """A peer reviewer sees only the assessments they were asked to review."""
    if not isinstance(assessment, Assessment) or not isinstance(user, User):
        return False
    return assessment.respondents.filter(user=user, group=RespondentGroup.PEER_REVIEWER).exists()


# Objects: an Organisation for the list and for starting one, an Assessment otherwise.
rules.add_perm("assessments.list_assessments", is_staff_role | is_viewer)
rules.add_perm("assessments.add_assessment", is_staff_role)
rules.add_perm("assessments.manage_assessment", is_staff_role)
rules.add_perm("assessments.view_results", is_staff_role | is_viewer | is_reviewer_of)
rules.add_perm("assessments.export_answers", is_staff_role)
rules.add_perm("assessments.set_levels", is_staff_role)
# Statistics (means, spreads, counts per cell) for staff and peer reviewers; commissioners
# read the same results in sentences and whole numbers.
rules.add_perm("assessments.view_statistics", is_staff_role | is_reviewer_of)
# What people said, in easy read, for everyone in the organisation once enough answered
# (not outside peer reviewers, who see only what they were asked to review).
rules.add_perm("assessments.read_said", is_staff_role | is_member | is_viewer)
