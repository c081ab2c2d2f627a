"""The rules of the planning tools, as plain functions: who plans and who delivers
(Bovaird), the stakeholder power and influence grid, and the priority matrix."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# Who plans x who delivers -> the cell's key in the "design-delivery-matrix" framework.
BOVAIRD_CELLS = {
    ("professional", "professional"): "traditional-provision",
    ("professional", "shared"): "user-co-delivery-of-professional-design",
    ("professional", "community"): "user-delivery-of-professional-plan",
    ("shared", "professional"): "professional-delivery-of-co-design",
    ("shared", "shared"): "full-co-production",
    ("shared", "community"): "community-delivery-of-co-design",
    ("community", "professional"): "professional-delivery-of-community-plan",
    ("community", "shared"): "community-delivery-with-little-professional-input",
    ("community", "community"): "self-organised",
}


def bovaird_cell(planning: str, delivery: str) -> str | None:
    """The matrix cell for who plans and who delivers, or None until both are known."""
    return BOVAIRD_CELLS.get((planning, delivery))


@dataclass(frozen=True)
class Quadrant:
    key: str
    title: str
    advice: str


# Strategies for each quadrant, after Governance International's five steps (002:L1918-1926).
STAKEHOLDER_QUADRANTS = {
    (True, True): Quadrant(
        "partners",
        str(_("Partners and champions")),
        str(
            _(
                "Central to success: work with them as partners. If they oppose the work, "
                "stay close to them to change minds or limit the harm."
            )
        ),
    ),
    (True, False): Quadrant(
        "keep-satisfied",
        str(_("Keep informed and supportive")),
        str(
            _(
                "They stand back from your decisions: tell them what you are doing and win "
                "their support, without asking too much of them."
            )
        ),
    ),
    (False, True): Quadrant(
        "bring-in",
        str(_("Value them and bring them in")),
        str(
            _(
                "Tell them what you are doing, show you value them and invite them to take "
                "part. Left out, they can become powerful opponents."
            )
        ),
    ),
    (False, False): Quadrant(
        "listen",
        str(_("Listen and explain")),
        str(
            _(
                "Find out what they think and explain why you are doing this, so worries do "
                "not grow into opposition."
            )
        ),
    ),
}


def stakeholder_quadrant(*, high_power: bool, high_influence: bool) -> Quadrant:
    return STAKEHOLDER_QUADRANTS[(high_power, high_influence)]


def left_out_warning(*, high_power: bool, high_influence: bool, involved: bool) -> bool:
    """High influence, low power and not involved: the group most likely to turn against you."""
    return high_influence and not high_power and not involved


# Impact and effort are rated 1 to 4, so there is no middle: 3 and 4 are high.
RATING_MIN, RATING_MAX, HIGH_FROM = 1, 4, 3

PRIORITY_QUADRANTS = {
    (True, False): Quadrant(
        "quick-win", str(_("Quick win")), str(_("High impact for little effort: start here."))
    ),
    (True, True): Quadrant(
        "worth-planning",
        str(_("Worth planning")),
        str(_("High impact but hard work: plan it and make the case.")),
    ),
    (False, False): Quadrant(
        "if-time-allows", str(_("If time allows")), str(_("Easy, but will not change much."))
    ),
    (False, True): Quadrant(
        "hard-slog", str(_("Hard slog")), str(_("Little impact for a lot of effort: avoid it."))
    ),
}


def priority_quadrant(*, impact: int, effort: int) -> Quadrant:
    if not (RATING_MIN <= impact <= RATING_MAX and RATING_MIN <= effort <= RATING_MAX):
        raise ValueError("Impact and effort are rated from 1 to 4.")
    return PRIORITY_QUADRANTS[(impact >= HIGH_FROM, effort >= HIGH_FROM)]
