"""No published count of people, alone or with any other, pins a group to a size from 1
to 4 (issue 20, must show)."""

from hypothesis import given
from hypothesis import strategies as st

from coproduce.insight.suppression import SMALLEST, publish, share


def test_small_counts_are_hidden_and_the_rest_rounded() -> None:
    assert [publish(n).value for n in (0, 1, 4, 5, 7, 8, 12, 13, 102)] == [
        0, None, None, 5, 5, 10, 10, 15, 100,
    ]  # fmt: skip
    assert share(publish(13), publish(102)) == 15
    assert share(publish(3), publish(102)) is None


@given(st.integers(min_value=0, max_value=10_000))
def test_every_published_count_stands_for_its_true_count(count: int) -> None:
    low, high = publish(count).bounds()
    assert low <= count <= high


@given(
    st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=8),
    st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=8),
)
def test_no_sum_or_difference_of_published_figures_reveals_a_small_group(
    cells: list[int], removed: list[int]
) -> None:
    """A table's cells and total, and a second table on a subset of the same people (the
    same cells with some people removed): every figure a reader could work out, a cell
    from the total less the others, or a cell of one table less the other's, has bounds
    that never narrow to one exact size from 1 to 4."""
    second = [max(0, c - r) for c, r in zip(cells, removed + [0] * len(cells), strict=False)]
    published = [publish(c) for c in cells]
    total = publish(sum(cells))
    others = [publish(c) for c in second]
    derived = []
    for n in range(len(cells)):
        rest = [p.bounds() for i, p in enumerate(published) if i != n]
        t_low, t_high = total.bounds()
        derived.append((t_low - sum(h for _l, h in rest), t_high - sum(lo for lo, _h in rest)))
        a_low, a_high = published[n].bounds()
        b_low, b_high = others[n].bounds()
        derived.append((a_low - b_high, a_high - b_low))
    for low, high in derived:
        exact = max(low, 0) == high
        assert not (exact and 1 <= high < SMALLEST), (cells, second, low, high)
