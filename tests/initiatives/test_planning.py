"""The planning rules, tested exhaustively and at their boundaries."""

import itertools

import pytest

from coproduce.frameworks.models import FrameworkItem
from coproduce.initiatives import planning
from coproduce.initiatives.models import Who

EXPECTED_CELLS = {
    ("professional", "professional"): "Traditional professional service",
    ("professional", "shared"): "People co-deliver a professionally planned service",
    ("professional", "community"): "People deliver a professionally planned service",
    ("shared", "professional"): "Professionals deliver a co-planned service",
    ("shared", "shared"): "Full co-production",
    ("shared", "community"): "People deliver a co-planned service",
    ("community", "professional"): "Professionals deliver a community-planned service",
    ("community", "shared"): "Community delivery with little professional input",
    ("community", "community"): "Self-organised community provision",
}


@pytest.mark.django_db
@pytest.mark.parametrize(("plans", "delivers"), list(itertools.product(Who.values, repeat=2)))
def test_every_one_of_the_nine_cells_is_a_cell_of_the_shipped_matrix(plans, delivers):
    key = planning.bovaird_cell(plans, delivers)
    item = FrameworkItem.objects.get(
        framework__key="design-delivery-matrix", framework__is_current=True, key=key
    )
    assert item.title == EXPECTED_CELLS[(plans, delivers)]
    # The planning row of the matrix is the item's parent.
    assert item.parent.key == f"{plans}-planning"


def test_the_classification_is_exhaustive_and_one_to_one():
    pairs = list(itertools.product(Who.values, repeat=2))
    cells = [planning.bovaird_cell(p, d) for p, d in pairs]
    assert len(pairs) == 9
    assert len(set(cells)) == 9
    assert None not in cells
    assert planning.bovaird_cell("shared", "shared") == "full-co-production"
    assert planning.bovaird_cell("", "shared") is None


@pytest.mark.parametrize(
    ("impact", "effort", "quadrant"),
    [
        (4, 1, "quick-win"),
        (3, 2, "quick-win"),
        (3, 3, "worth-planning"),
        (4, 4, "worth-planning"),
        (2, 2, "if-time-allows"),
        (1, 1, "if-time-allows"),
        (2, 3, "hard-slog"),
        (1, 4, "hard-slog"),
    ],
)
def test_priority_quadrants_at_their_boundaries(impact, effort, quadrant):
    assert planning.priority_quadrant(impact=impact, effort=effort).key == quadrant


@pytest.mark.parametrize(("impact", "effort"), [(0, 2), (5, 2), (2, 0), (2, 5)])
def test_priority_ratings_outside_1_to_4_are_refused(impact, effort):
    with pytest.raises(ValueError, match="1 to 4"):
        planning.priority_quadrant(impact=impact, effort=effort)


@pytest.mark.parametrize(
    ("power", "influence", "quadrant"),
    [
        (True, True, "partners"),
        (True, False, "keep-satisfied"),
        (False, True, "bring-in"),
        (False, False, "listen"),
    ],
)
def test_stakeholder_quadrants(power, influence, quadrant):
    assert planning.stakeholder_quadrant(high_power=power, high_influence=influence).key == quadrant


@pytest.mark.parametrize(
    ("power", "influence", "involved", "warn"),
    [
        (False, True, False, True),
        (False, True, True, False),
        (True, True, False, False),
        (False, False, False, False),
        (True, False, False, False),
    ],
)
def test_warning_only_for_high_influence_low_power_left_out(power, influence, involved, warn):
    assert (
        planning.left_out_warning(high_power=power, high_influence=influence, involved=involved)
        is warn
    )
