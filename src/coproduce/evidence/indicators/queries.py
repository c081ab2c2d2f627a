"""Reads for indicators: figures per period, comparisons with their checks, and outcomes."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import (
    Avg,
    Count,
    F,
    Q,
    QuerySet,
)
from django.shortcuts import get_object_or_404

from coproduce.core.models import Organisation
from coproduce.evidence import figures
from coproduce.evidence.models import (
    EvidenceSettings,
    Indicator,
    Observation,
    OutcomeRecord,
    Period,
    SelfReported,
)


def threshold_of(organisation: Organisation) -> Decimal:
    """Its "not recorded" threshold, or the default, without saving anything (pages that
    only read it; `services.settings_for` keeps a row for the settings page)."""
    found = EvidenceSettings.objects.filter(organisation=organisation).first()
    return (found or EvidenceSettings(organisation=organisation)).not_recorded_threshold


def indicators_in(organisation: Organisation, initiative: Any = None) -> QuerySet[Indicator]:
    found = Indicator.objects.filter(organisation=organisation).annotate(
        figures=Count("observations")
    )
    if initiative is not None:
        found = found.filter(initiative=initiative)
    return found.select_related("initiative", "organisation").order_by("name")


def indicator_in(*, organisation: Organisation, pk: Any) -> Indicator:
    return get_object_or_404(
        Indicator.objects.select_related("organisation"), organisation=organisation, pk=pk
    )


def periods_in(organisation: Organisation) -> QuerySet[Period]:
    return Period.objects.filter(organisation=organisation).order_by("starts_on", "label")


def breakdowns_of(indicator: Indicator) -> list[dict[str, Any]]:
    """Each breakdown recorded for an indicator, with the periods that have figures."""
    found: dict[str, list[Period]] = defaultdict(list)
    rows = (
        Observation.objects.filter(indicator=indicator)
        .values("dimension", "period")
        .distinct()
        .order_by("dimension", "period__starts_on")
    )
    periods = {p.pk: p for p in periods_in(indicator.organisation)}
    for row in rows:
        found[row["dimension"]].append(periods[row["period"]])
    return [{"dimension": d, "periods": ps} for d, ps in found.items()]


def _add(
    result: figures.PeriodFigures,
    category: str,
    value: Decimal,
    share: Decimal | None,
    is_total: bool,
) -> None:
    if is_total:
        result.stated_total = value
        return
    result.parts[category] = value
    if share is not None:
        result.stated_shares[category] = share


def period_figures(indicator: Indicator, period: Period, dimension: str) -> figures.PeriodFigures:
    """What was recorded for one breakdown in one period, as the checks read it."""
    result = figures.PeriodFigures(label=period.label, parts={}, days=period.days)
    for obs in Observation.objects.filter(indicator=indicator, period=period, dimension=dimension):
        _add(result, obs.category, obs.value, obs.stated_share, obs.is_total)
    return result


def figures_in_range(
    indicators: list[Indicator], since: datetime.date, until: datetime.date
) -> dict[int, dict[str, list[tuple[Period, figures.PeriodFigures]]]]:
    """Every breakdown of every indicator given, period by period in date order, for the
    periods inside the range: one query, however many indicators there are."""
    # The periods come with the figures, in the same query.
    periods: dict[int, Period] = {}
    found: dict[int, dict[str, dict[int, tuple[Period, figures.PeriodFigures]]]] = {}
    rows = (
        Observation.objects.filter(
            indicator__in=indicators, period__starts_on__gte=since, period__ends_on__lte=until
        )
        .order_by("indicator_id", "dimension", "period__starts_on", "period__ends_on", "pk")
        .values_list(
            "indicator_id",
            "dimension",
            "period_id",
            "category",
            "value",
            "stated_share",
            "is_total",
            "period__organisation_id",
            "period__label",
            "period__starts_on",
            "period__ends_on",
        )
    )
    for row in rows:
        indicator_id, dimension, period_id, category, value, share, is_total = row[:7]
        if period_id not in periods:
            org_id, label, starts_on, ends_on = row[7:]
            periods[period_id] = Period(
                pk=period_id,
                organisation_id=org_id,
                label=label,
                starts_on=starts_on,
                ends_on=ends_on,
            )
        by_period = found.setdefault(indicator_id, {}).setdefault(dimension, {})
        if period_id not in by_period:
            period = periods[period_id]
            by_period[period_id] = (
                period,
                figures.PeriodFigures(label=period.label, parts={}, days=period.days),
            )
        _add(by_period[period_id][1], category, value, share, is_total)
    return {
        indicator_id: {dimension: list(periods.values()) for dimension, periods in by.items()}
        for indicator_id, by in found.items()
    }


@dataclass
class CheckedComparison:
    comparison: figures.Comparison
    flags: list[figures.Flag]
    first: figures.PeriodFigures
    second: figures.PeriodFigures
    # The id of its chart on a page that shows several.
    chart_id: str = "evidence-bars"


def compare_figures(
    first: figures.PeriodFigures,
    second: figures.PeriodFigures,
    *,
    dimension: str,
    threshold: Decimal,
) -> CheckedComparison:
    """Compare two periods' figures and run every quality check on them."""
    flags = [
        *figures.check_period(first, not_recorded_threshold=threshold),
        *figures.check_period(second, not_recorded_threshold=threshold),
        *figures.check_pair(first, second),
    ]
    comparison = figures.compare(
        first.parts, second.parts, dimension=dimension, label_a=first.label, label_b=second.label
    )
    return CheckedComparison(comparison, flags, first, second)


def comparison_of(
    indicator: Indicator, dimension: str, first: Period, second: Period
) -> CheckedComparison:
    return compare_figures(
        period_figures(indicator, first, dimension),
        period_figures(indicator, second, dimension),
        dimension=dimension,
        threshold=threshold_of(indicator.organisation),
    )


def period_checks(indicator: Indicator, period: Period, dimension: str) -> list[figures.Flag]:
    return figures.check_period(
        period_figures(indicator, period, dimension),
        not_recorded_threshold=threshold_of(indicator.organisation),
    )


def outcomes_in(
    organisation: Organisation,
    *,
    initiative: Any = None,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> QuerySet[OutcomeRecord]:
    found = OutcomeRecord.objects.filter(organisation=organisation)
    if initiative is not None:
        found = found.filter(initiative=initiative)
    if since is not None:
        found = found.filter(recorded_on__gte=since)
    if until is not None:
        found = found.filter(recorded_on__lte=until)
    return found


def outcome_summary(records: QuerySet[OutcomeRecord]) -> list[dict[str, Any]]:
    """Outcomes added up by framework item, in the database: how many records, the average
    score at the start and at follow-up over the records that have both, how many
    improved, and how many said in their own words that things got better."""
    paired = Q(baseline__isnull=False, follow_up__isnull=False)
    rows = (
        records.values("item", "item__title", "item__framework__title")
        .annotate(
            records=Count("id"),
            paired=Count("id", filter=paired),
            mean_baseline=Avg("baseline", filter=paired),
            mean_follow_up=Avg("follow_up", filter=paired),
            improved=Count("id", filter=paired & Q(follow_up__gt=F("baseline"))),
            said=Count("id", filter=~Q(self_reported="")),
            said_better=Count(
                "id",
                filter=Q(self_reported__in=[SelfReported.BETTER, SelfReported.MUCH_BETTER]),
            ),
        )
        .order_by("item__framework__title", "item__position")
    )
    summary = []
    for row in rows:
        start, later = row["mean_baseline"], row["mean_follow_up"]
        summary.append(
            {
                **row,
                "mean_baseline": figures.rounded(Decimal(str(start)), "0.1") if start else None,
                "mean_follow_up": figures.rounded(Decimal(str(later)), "0.1") if later else None,
                "mean_change": figures.rounded(Decimal(str(later)) - Decimal(str(start)), "0.1")
                if start is not None and later is not None
                else None,
                "improved_share": figures.rate(row["improved"], row["paired"]),
                "said_better_share": figures.rate(row["said_better"], row["said"]),
            }
        )
    return summary
