"""Whole numbers for readers who are not analysts: halves round up, as people expect
(Python's round() sends 2.5 to 2)."""

from decimal import Decimal

from coproduce.web.plain import count_or_share, percent_of, whole


def test_halves_round_up() -> None:
    assert [whole(2.5), whole(Decimal("0.5")), whole(3.49), whole(-0.4)] == [3, 1, 3, 0]
    assert percent_of(1, 8) == 13  # 12.5%
    assert count_or_share(1, 8, "people") == "1 of 8 people"
    assert count_or_share(5, 40) == "13%"
