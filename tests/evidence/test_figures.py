"""The arithmetic of evidence, on the sources' own figures and on generated ones."""

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from coproduce.evidence import figures
from coproduce.evidence.figures import BenefitFigure, PeriodFigures

# 001:L174-199, Table 1, as published.
FIRST = {
    "General Medical Practitioner (GP)": Decimal(4541),
    "Self": Decimal(730),
    "Local Authority Social Services": Decimal(5),
    "A&E Department": Decimal(6),
    "Other clinical specialty": Decimal(152),
    "Medical outpatient services": Decimal(11),
    "Community/Practice Nurse/Health Visitor": Decimal(2),
    "Other": Decimal(15),
    "Employer": Decimal(1),
}
SECOND = {
    "General Medical Practitioner (GP)": Decimal(862),
    "Self": Decimal(2408),
    "Local Authority Social Services": Decimal(4),
    "Other clinical specialty": Decimal(419),
    "Medical outpatient services": Decimal(1),
    "Other": Decimal(32),
}

counts = st.dictionaries(
    st.text(alphabet="abcdefgh", min_size=1, max_size=6),
    st.integers(0, 10**7).map(Decimal),
    min_size=1,
    max_size=12,
).filter(lambda parts: sum(parts.values()) > 0)


def test_referrals_comparison_matches_the_published_table():
    result = figures.compare(FIRST, SECOND, label_a="2009-10", label_b="2010-11")
    rows = {row.category: row for row in result.rows}
    gp, self_referred = rows["General Medical Practitioner (GP)"], rows["Self"]
    assert (gp.share_a, gp.share_b) == (Decimal("83.12"), Decimal("23.13"))
    assert (self_referred.share_a, self_referred.share_b) == (Decimal("13.36"), Decimal("64.63"))
    assert self_referred.change == Decimal("51.26")  # exact shares: 64.6270 - 13.3626
    assert self_referred.fold == Decimal("3.30")
    assert gp.fold == Decimal("0.19")
    assert (result.total_a, result.total_b) == (Decimal(5463), Decimal(3726))
    assert result.rows[0].category == "Self"  # largest in the later period first
    assert rows["Employer"].b is None
    assert rows["Employer"].share_b is None


def test_checks_find_what_is_wrong_in_the_published_table():
    first = PeriodFigures(
        "2009-10",
        dict(FIRST),
        stated_shares={"Other clinical specialty": Decimal("2.80"), "Self": Decimal("13.36")},
        stated_total=Decimal(5463),
        days=365,
    )
    flags = figures.check_period(first, not_recorded_threshold=Decimal(10))
    assert [f.kind for f in flags] == ["share"]
    assert "published as 2.80% but its count gives 2.78%" in flags[0].message
    second = PeriodFigures("2010-11", dict(SECOND), stated_total=Decimal(3700), days=334)
    flags = figures.check_period(second, not_recorded_threshold=Decimal(10))
    assert [f.kind for f in flags] == ["total"]
    assert "stated total is 3700 but the parts add up to 3726" in flags[0].message
    pair = figures.check_pair(first, second)
    kinds = [f.kind for f in pair]
    assert kinds.count("missing") == 3  # A&E, the nurses' row and Employer have no 2010-11 row
    assert "length" in kinds


def test_not_recorded_share_above_the_limit_is_flagged():
    ethnicity = PeriodFigures(
        "2009-11",
        {
            "BME background": Decimal("12.82"),
            "White background": Decimal("39.94"),
            "Missing or not stated": Decimal("47.24"),
        },
    )
    flags = figures.check_period(ethnicity, not_recorded_threshold=Decimal(10))
    assert [f.kind for f in flags] == ["not_recorded"]
    assert "47.24% is not recorded" in flags[0].message
    assert figures.check_period(ethnicity, not_recorded_threshold=Decimal(50)) == []


def test_labels_written_two_ways_are_matched():
    first = PeriodFigures("A", {"Other **": Decimal(15), "GP": Decimal(3)})
    second = PeriodFigures("B", {"other": Decimal(32), "GP": Decimal(4)})
    flags = figures.check_pair(first, second)
    assert [f.kind for f in flags] == ["label"]
    assert '"Other **"' in flags[0].message
    assert '"other"' in flags[0].message


def test_shares_only_need_to_add_up_when_every_part_has_one():
    period = PeriodFigures(
        "A",
        {"GP": Decimal(862), "Self": Decimal(2408), "Other": Decimal(37)},
        stated_shares={"GP": Decimal("26.07"), "Self": Decimal("72.82")},
    )
    assert [f.kind for f in figures.check_period(period, not_recorded_threshold=Decimal(10))] == []
    period.stated_shares["Other"] = Decimal("2.00")
    kinds = [f.kind for f in figures.check_period(period, not_recorded_threshold=Decimal(10))]
    assert kinds == ["shares", "share"]


@given(parts=counts)
def test_shares_sum_to_100_within_rounding_when_parts_are_complete(parts):
    result = figures.compare(parts, parts)
    total = sum(row.share_a for row in result.rows)
    assert abs(total - 100) <= Decimal("0.005") * len(parts)


@given(parts=counts)
def test_a_period_compared_with_itself_shows_no_change(parts):
    result = figures.compare(parts, parts)
    for row in result.rows:
        assert row.change == 0
        assert row.fold in (None, Decimal("1.00"))
        assert row.share_a == row.share_b
    assert result.total_change == 0


@given(parts=counts)
def test_complete_figures_raise_no_flags_against_their_own_shares(parts):
    exact = figures.shares(parts)
    stated = {k: figures.rounded(v) for k, v in exact.items()}
    period = PeriodFigures("A", parts, stated_shares=stated, stated_total=sum(parts.values()))
    assert figures.check_period(period, not_recorded_threshold=Decimal(100)) == []


benefits = st.lists(
    st.builds(
        BenefitFigure,
        pence_per_year=st.integers(1, 10**9),
        years=st.integers(1, 10),
        kind=st.sampled_from(["cashable", "non_cashable", "notional"]),
        confidence=st.sampled_from(["high", "medium", "low"]),
    ),
    min_size=1,
    max_size=6,
)


@given(
    costs=st.lists(st.integers(1, 10**9), min_size=1, max_size=5),
    benefits=benefits,
    k=st.integers(2, 1000),
)
def test_value_figures_scale_linearly_with_the_inputs(costs, benefits, k):
    base = figures.value_of(costs, benefits)
    scaled = figures.value_of(
        [c * k for c in costs],
        [BenefitFigure(b.pence_per_year * k, b.years, b.kind, b.confidence) for b in benefits],
    )
    assert scaled.cost == base.cost * k
    assert scaled.benefit == base.benefit * k
    assert scaled.net == base.net * k
    assert scaled.benefit_low == base.benefit_low * k
    assert scaled.benefit_high == base.benefit_high * k
    assert scaled.by_kind == {kind: total * k for kind, total in base.by_kind.items()}
    # Ratios and payback do not change when everything scales together.
    assert scaled.per_pound == base.per_pound
    assert scaled.payback_months == base.payback_months
    assert base.benefit_low <= base.benefit <= base.benefit_high


def test_stockport_website_pays_back_in_three_months():
    value = figures.value_of([75_000_00], [BenefitFigure(300_000_00, 1, "cashable", "medium")])
    assert value.per_pound == 4
    assert value.net == 225_000_00
    assert value.payback_months == 3
    assert value.pays_back_within_benefits is True
    assert (value.per_pound_low, value.per_pound_high) == (3, 5)


def test_notional_savings_are_kept_apart_from_cashable():
    # LIFE (002:L934): £760k notional in a year, of which £485k were prevented costs.
    value = figures.value_of(
        [100_000_00],
        [
            BenefitFigure(485_000_00, 1, "notional", "medium"),
            BenefitFigure(275_000_00, 1, "notional", "low"),
        ],
    )
    assert value.benefit == 760_000_00
    assert value.by_kind == {"notional": 760_000_00}
    assert value.cashable_per_pound == 0
    assert value.payback_months is None


def test_kappa_on_a_worked_example():
    # 10 excerpts: both code 4, neither 4, one each 1: observed 0.8, chance 0.5, kappa 0.6.
    first = [True] * 4 + [False] * 4 + [True, False]
    second = [True] * 4 + [False] * 4 + [False, True]
    result = figures.cohen_kappa(first, second)
    assert result.kappa == Fraction(3, 5)
    assert result.observed == Fraction(4, 5)
    assert figures.kappa_words(result.kappa) == "Moderate"


@given(pairs=st.lists(st.tuples(st.booleans(), st.booleans()), min_size=1, max_size=40))
def test_kappa_is_symmetric_and_at_most_one(pairs):
    first, second = [a for a, _ in pairs], [b for _, b in pairs]
    one = figures.cohen_kappa(first, second).kappa
    other = figures.cohen_kappa(second, first).kappa
    assert one == other
    assert one is None or one <= 1
    same = figures.cohen_kappa(first, first).kappa
    assert same is None or same == 1


def test_rates_show_their_denominator_rule():
    # 000:L518-526: 85 expected, 23 returned, 16 complete.
    assert figures.rate(23, 85) == Decimal("27.06")
    assert figures.rate(16, 23) == Decimal("69.57")
    assert figures.rate(3, 0) is None
