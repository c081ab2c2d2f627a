"""Reads for evidence, gathered from its four parts (indicators, surveys, coding and
value) for pages and reports that use more than one of them."""

from coproduce.evidence.coding.queries import (
    SHOWN_DISAGREEMENTS,
    agreement,
    co_occurrence,
    coders_in,
    codes_in,
    document_in,
    documents_in,
    quotable,
    quotes_by_theme,
    suggestions_for,
    theme_counts,
    with_quote_agreement,
)
from coproduce.evidence.indicators.queries import (
    CheckedComparison,
    breakdowns_of,
    compare_figures,
    comparison_of,
    figures_in_range,
    indicator_in,
    indicators_in,
    outcome_summary,
    outcomes_in,
    period_checks,
    period_figures,
    periods_in,
)
from coproduce.evidence.surveys.queries import (
    survey_in,
    survey_results,
    surveys_in,
)
from coproduce.evidence.value.queries import (
    initiative_assumptions,
    value_of,
)

__all__ = [
    "CheckedComparison",
    "SHOWN_DISAGREEMENTS",
    "agreement",
    "breakdowns_of",
    "co_occurrence",
    "coders_in",
    "codes_in",
    "compare_figures",
    "comparison_of",
    "document_in",
    "documents_in",
    "figures_in_range",
    "indicator_in",
    "indicators_in",
    "initiative_assumptions",
    "outcome_summary",
    "outcomes_in",
    "period_checks",
    "period_figures",
    "periods_in",
    "quotable",
    "quotes_by_theme",
    "suggestions_for",
    "survey_in",
    "survey_results",
    "surveys_in",
    "theme_counts",
    "value_of",
    "with_quote_agreement",
]
