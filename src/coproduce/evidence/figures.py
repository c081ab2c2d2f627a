"""The arithmetic of evidence, kept apart from the database so it can be checked on its own.

The rounding rule, stated once and used everywhere: figures are worked out exactly from
whole counts and pence, and rounded only when shown, half away from zero, shares and
ratios to 2 decimal places. A change in percentage points is worked out from the exact
shares, so it can differ by 0.01 from the difference of the two rounded shares.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

ROUNDING_RULE = _(
    "Worked out exactly from the counts and rounded only when shown: half away from zero, "
    "to 2 decimal places. Changes in percentage points come from the exact shares."
)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")
# Each share published to 2 decimal places can be out by up to half a hundredth.
HALF_CENT = Decimal("0.005")

# Categories that mean the figure was not recorded, compared in lower case.
NOT_RECORDED = {
    "not recorded",
    "not stated",
    "not known",
    "unknown",
    "missing",
    "missing or not stated",
    "not stated or missing",
    "prefer not to say",
    "blank",
}


def rounded(value: Decimal | Fraction | int | None, places: str = "0.01") -> Decimal | None:
    """Round half away from zero (for positive figures the same as half up)."""
    if value is None:
        return None
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return Decimal(value).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def is_not_recorded(category: str) -> bool:
    return category.strip().lower() in NOT_RECORDED


def _plain(label: str) -> str:
    """A label without case, marks like ** or punctuation, for spotting the same category
    written two ways."""
    return re.sub(r"[^a-z0-9&]+", " ", label.lower()).strip()


# -- Shares and comparison ----------------------------------------------------------------


def shares(parts: Mapping[str, Decimal]) -> dict[str, Fraction]:
    """Each part's exact share of the whole, in per cent; empty when the whole is zero."""
    total = sum((Fraction(v) for v in parts.values()), Fraction(0))
    if total == 0:
        return {}
    return {name: Fraction(value) * 100 / total for name, value in parts.items()}


@dataclass(frozen=True)
class ComparisonRow:
    category: str
    a: Decimal | None
    b: Decimal | None
    share_a: Decimal | None
    share_b: Decimal | None
    # Percentage points, from the exact shares.
    change: Decimal | None
    # How many times larger the figure is in the second period; none from a zero.
    fold: Decimal | None


@dataclass
class Comparison:
    dimension: str
    label_a: str
    label_b: str
    rows: list[ComparisonRow]
    total_a: Decimal
    total_b: Decimal
    total_change: Decimal
    total_fold: Decimal | None

    @property
    def chart(self) -> dict[str, object]:
        """Each category's share in the two periods, for a bar chart beside the table."""
        return {
            "labels": [row.category for row in self.rows],
            "datasets": [
                {"label": self.label_a, "data": [float(r.share_a or 0) for r in self.rows]},
                {"label": self.label_b, "data": [float(r.share_b or 0) for r in self.rows]},
            ],
            "axis": str(_("Share (%)")),
        }


def compare(
    a: Mapping[str, Decimal],
    b: Mapping[str, Decimal],
    *,
    dimension: str = "",
    label_a: str = "",
    label_b: str = "",
) -> Comparison:
    """Compare the parts of one breakdown in two periods, largest in the later period first.
    A category missing from one period counts as nothing there."""
    share_a, share_b = shares(a), shares(b)
    names = sorted(set(a) | set(b), key=lambda n: (-(b.get(n) or 0), -(a.get(n) or 0), n))
    rows = []
    for name in names:
        va, vb = a.get(name), b.get(name)
        sa = share_a.get(name, Fraction(0)) if share_a else None
        sb = share_b.get(name, Fraction(0)) if share_b else None
        rows.append(
            ComparisonRow(
                category=name,
                a=va,
                b=vb,
                share_a=rounded(sa) if va is not None else None,
                share_b=rounded(sb) if vb is not None else None,
                change=rounded(sb - sa) if sa is not None and sb is not None else None,
                fold=_fold(va or Decimal(0), vb or Decimal(0)),
            )
        )
    total_a = sum(a.values(), Decimal(0))
    total_b = sum(b.values(), Decimal(0))
    return Comparison(
        dimension=dimension,
        label_a=label_a,
        label_b=label_b,
        rows=rows,
        total_a=total_a,
        total_b=total_b,
        total_change=total_b - total_a,
        total_fold=_fold(total_a, total_b),
    )


def comparison_rows(comparison: Comparison) -> list[list[object]]:
    """A comparison as spreadsheet rows, headings first and the totals last."""
    rows: list[list[object]] = [
        [
            comparison.dimension or _("Category"),
            comparison.label_a,
            _("Share (%)"),
            comparison.label_b,
            _("Share (%)"),
            _("Change (percentage points)"),
            _("Fold change"),
        ]
    ]
    rows += [
        [r.category, plain(r.a), r.share_a, plain(r.b), r.share_b, r.change, r.fold]
        for r in comparison.rows
    ]
    total_a, total_b = plain(comparison.total_a), plain(comparison.total_b)
    rows.append([_("Total"), total_a, "", total_b, "", "", comparison.total_fold])
    return rows


def plain(value: Decimal | None) -> Decimal | int | None:
    """A recorded figure as a whole number when it is one (4541, not 4541.00)."""
    if value is not None and value == value.to_integral_value():
        return int(value)
    return value


def _fold(a: Decimal, b: Decimal) -> Decimal | None:
    return rounded(Fraction(b) / Fraction(a)) if a else None


# -- Data quality -------------------------------------------------------------------------


@dataclass(frozen=True)
class Flag:
    kind: str
    message: str


@dataclass
class PeriodFigures:
    """What was recorded for one breakdown in one period."""

    label: str
    parts: dict[str, Decimal]
    stated_shares: dict[str, Decimal] = field(default_factory=dict)
    stated_total: Decimal | None = None
    days: int | None = None


def _pct(value: Decimal | Fraction) -> str:
    return f"{rounded(value)}%"


def check_period(figures: PeriodFigures, *, not_recorded_threshold: Decimal) -> list[Flag]:
    """Problems in one period's breakdown that a reader of the report should know about."""
    flags: list[Flag] = []
    total = sum(figures.parts.values(), Decimal(0))
    if figures.stated_total is not None and figures.stated_total != total:
        flags.append(
            Flag(
                "total",
                _("%(period)s: the stated total is %(stated)s but the parts add up to %(sum)s.")
                % {"period": figures.label, "stated": figures.stated_total, "sum": total},
            )
        )
    if figures.stated_shares:
        stated_sum = sum(figures.stated_shares.values(), Decimal(0))
        allowance = HALF_CENT * len(figures.stated_shares)
        # Only a full set of published shares should add up to 100.
        every_part = set(figures.stated_shares) == set(figures.parts)
        if every_part and abs(stated_sum - HUNDRED) > allowance:
            flags.append(
                Flag(
                    "shares",
                    _(
                        "%(period)s: the published shares add up to %(sum)s%%, not 100%%, "
                        "more than rounding explains."
                    )
                    % {"period": figures.label, "sum": stated_sum},
                )
            )
        exact = shares(figures.parts)
        for name, stated in figures.stated_shares.items():
            if name in exact and abs(Fraction(stated) - exact[name]) > Fraction(HALF_CENT):
                flags.append(
                    Flag(
                        "share",
                        _(
                            "%(period)s: %(category)s is published as %(stated)s%% but its "
                            "count gives %(worked)s."
                        )
                        % {
                            "period": figures.label,
                            "category": name,
                            "stated": stated,
                            "worked": _pct(exact[name]),
                        },
                    )
                )
    if total:
        missing = sum((v for k, v in figures.parts.items() if is_not_recorded(k)), Decimal(0))
        share = Fraction(missing) * 100 / Fraction(total)
        if share > Fraction(not_recorded_threshold):
            flags.append(
                Flag(
                    "not_recorded",
                    _(
                        "%(period)s: %(share)s is not recorded, above your limit of "
                        "%(limit)s%%. Conclusions about who is reached are uncertain."
                    )
                    % {
                        "period": figures.label,
                        "share": _pct(share),
                        "limit": rounded(not_recorded_threshold),
                    },
                )
            )
    return flags


def check_pair(first: PeriodFigures, second: PeriodFigures) -> list[Flag]:
    """Problems in comparing two periods: labels written differently, categories that
    appear in only one, and periods of different lengths."""
    flags: list[Flag] = []
    only_first = [c for c in first.parts if c not in second.parts]
    only_second = [c for c in second.parts if c not in first.parts]
    matched: set[str] = set()
    for name in only_first:
        twin = _twin(name, only_second)
        if twin is not None:
            matched |= {name, twin}
            flags.append(
                Flag(
                    "label",
                    _(
                        'The category "%(a)s" in %(pa)s looks like "%(b)s" in %(pb)s. '
                        "Use one label so the periods line up."
                    )
                    % {"a": name, "pa": first.label, "b": twin, "pb": second.label},
                )
            )
    for name, here, there in [(n, first, second) for n in only_first] + [
        (n, second, first) for n in only_second
    ]:
        if name not in matched:
            flags.append(
                Flag(
                    "missing",
                    _(
                        '"%(category)s" has a figure in %(here)s but none in %(there)s: '
                        "is it none, or not recorded?"
                    )
                    % {"category": name, "here": here.label, "there": there.label},
                )
            )
    if first.days and second.days and first.days != second.days:
        flags.append(
            Flag(
                "length",
                _(
                    "%(a)s is %(da)s days long and %(b)s is %(db)s days: compare rates per "
                    "month as well as the counts."
                )
                % {"a": first.label, "da": first.days, "b": second.label, "db": second.days},
            )
        )
    return flags


def _twin(name: str, candidates: Sequence[str]) -> str | None:
    plain = _plain(name)
    for other in candidates:
        if _plain(other) == plain:
            return other
    close = difflib.get_close_matches(plain, [_plain(c) for c in candidates], n=1, cutoff=0.85)
    if close:
        return next(c for c in candidates if _plain(c) == close[0])
    return None


# -- Surveys ------------------------------------------------------------------------------


def rate(part: int, whole: int) -> Decimal | None:
    """A share in per cent to 2 decimals; none when there is nothing to divide by."""
    return rounded(Fraction(part * 100, whole)) if whole else None


# -- Agreement between two coders -----------------------------------------------------------


@dataclass(frozen=True)
class CodeAgreement:
    excerpts: int
    both: int
    only_first: int
    only_second: int
    neither: int
    kappa: Fraction | None

    @property
    def observed(self) -> Fraction | None:
        if not self.excerpts:
            return None
        return Fraction(self.both + self.neither, self.excerpts)


def cohen_kappa(first: Sequence[bool], second: Sequence[bool]) -> CodeAgreement:
    """Cohen's kappa for one code from each coder's decision on each excerpt both reviewed."""
    if len(first) != len(second):
        raise ValueError("Both coders must have reviewed the same excerpts.")
    pairs = list(zip(first, second, strict=True))
    return agreement_from_counts(
        len(pairs),
        sum(1 for x, y in pairs if x and y),
        sum(1 for x, y in pairs if x and not y),
        sum(1 for x, y in pairs if y and not x),
    )


def agreement_from_counts(n: int, both: int, only_first: int, only_second: int) -> CodeAgreement:
    """Cohen's kappa for one code over the n excerpts both coders reviewed: agreement beyond
    what chance would give. None when chance alone would give full agreement (both coders
    used the code everywhere, or nowhere), where kappa is undefined."""
    neither = n - both - only_first - only_second
    kappa = None
    if n:
        observed = Fraction(both + neither, n)
        p1, p2 = Fraction(both + only_first, n), Fraction(both + only_second, n)
        chance = p1 * p2 + (1 - p1) * (1 - p2)
        if chance != 1:
            kappa = (observed - chance) / (1 - chance)
    return CodeAgreement(n, both, only_first, only_second, neither, kappa)


def kappa_words(kappa: Fraction | None) -> str:
    """Landis and Koch's plain labels for a kappa."""
    if kappa is None:
        return _("Not measurable yet")
    for limit, words in (
        (Fraction(0), _("Poor")),
        (Fraction(1, 5), _("Slight")),
        (Fraction(2, 5), _("Fair")),
        (Fraction(3, 5), _("Moderate")),
        (Fraction(4, 5), _("Substantial")),
    ):
        if kappa <= limit:
            return words
    return _("Almost perfect")


# -- Value for money --------------------------------------------------------------------------

# How far either way a benefit may be, by the confidence its author gives it.
SPREAD = {"high": Fraction(1, 10), "medium": Fraction(1, 4), "low": Fraction(1, 2)}
VALUE_RULE = _(
    "Benefits are counted over the years they last. The range takes each benefit 10% either "
    "way when confidence is high, 25% when medium and 50% when low. Payback counts cashable "
    "benefits only, and assumes the costs are spent at the start."
)


@dataclass(frozen=True)
class BenefitFigure:
    pence_per_year: int
    years: int
    kind: str
    confidence: str

    @property
    def total(self) -> int:
        return self.pence_per_year * self.years


@dataclass(frozen=True)
class Value:
    cost: int
    benefit: int
    by_kind: dict[str, int]
    benefit_low: Fraction
    benefit_high: Fraction
    net: int
    per_pound: Fraction | None
    per_pound_low: Fraction | None
    per_pound_high: Fraction | None
    cashable_per_pound: Fraction | None
    # Months until cashable benefits cover the costs; none without a cashable benefit.
    payback_months: Fraction | None
    pays_back_within_benefits: bool | None


def value_of(costs: Sequence[int], benefits: Sequence[BenefitFigure]) -> Value:
    """Return per pound, net benefit, payback and a range, from costs and benefits in pence."""
    cost = sum(costs)
    benefit = sum(b.total for b in benefits)
    by_kind: dict[str, int] = {}
    for b in benefits:
        by_kind[b.kind] = by_kind.get(b.kind, 0) + b.total
    low = sum((b.total * (1 - SPREAD[b.confidence]) for b in benefits), Fraction(0))
    high = sum((b.total * (1 + SPREAD[b.confidence]) for b in benefits), Fraction(0))
    cashable = [b for b in benefits if b.kind == "cashable"]
    cashable_yearly = sum(b.pence_per_year for b in cashable)
    payback = Fraction(cost * 12, cashable_yearly) if cashable_yearly else None
    return Value(
        cost=cost,
        benefit=benefit,
        by_kind=by_kind,
        benefit_low=low,
        benefit_high=high,
        net=benefit - cost,
        per_pound=Fraction(benefit, cost) if cost else None,
        per_pound_low=low / cost if cost else None,
        per_pound_high=high / cost if cost else None,
        cashable_per_pound=Fraction(by_kind.get("cashable", 0), cost) if cost else None,
        payback_months=payback,
        pays_back_within_benefits=(
            payback <= 12 * max(b.years for b in cashable) if payback is not None else None
        ),
    )
