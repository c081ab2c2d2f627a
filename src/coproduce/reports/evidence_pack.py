"""The evidence pack: everything a commissioner asks for, for one initiative or a whole
organisation over a chosen period, as a page, a PDF and a spreadsheet.

It brings together apps that do not know each other (evidence, influence), which is why
it lives in reports.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

from coproduce.core.models import Organisation
from coproduce.core.prepared import Prepared
from coproduce.evidence import figures
from coproduce.evidence import queries as evidence
from coproduce.evidence.models import EvidenceSettings, Indicator, Period
from coproduce.evidence.versions import evidence_key, kept_evidence
from coproduce.influence import queries as influence
from coproduce.influence.models import ResponseTargets
from coproduce.reports.cycle import Stage, cycle, recorded_costs


@dataclass
class IndicatorSection:
    indicator: Indicator
    # Either a comparison of the last two periods in range, or one period's figures.
    comparisons: list[evidence.CheckedComparison] = field(default_factory=list)
    single: list[tuple[str, Period, figures.PeriodFigures, list[figures.Flag]]] = field(
        default_factory=list
    )


@dataclass
class Evidence:
    """The pack's parts drawn from evidence records alone, kept until they change."""

    indicators: list[IndicatorSection]
    outcomes: list[dict[str, Any]]
    surveys: list[tuple[Any, dict[str, Any]]]
    quotes: list[dict[str, Any]]


@dataclass
class Pack:
    organisation: Organisation
    initiative: Any
    since: datetime.date
    until: datetime.date
    threshold: Decimal
    influence: Any
    value: dict[str, Any] | None
    cycle: list[Stage] = field(default_factory=list)
    rounding_rule: str = figures.ROUNDING_RULE
    value_rule: str = figures.VALUE_RULE

    def _question(self) -> tuple[Any, ...]:
        return (getattr(self.initiative, "pk", ""), self.since, self.until, self.threshold)

    @cached_property
    def evidence(self) -> Evidence:
        """Read only when shown: the page keeps its HTML too (`evidence_key`)."""
        return kept_evidence(
            self.organisation.pk,
            "pack",
            self._question(),
            lambda: _evidence(
                self.organisation, self.initiative, self.since, self.until, self.threshold
            ),
        )

    @cached_property
    def evidence_key(self) -> str:
        """Names the evidence part's HTML: this version of the organisation's evidence,
        the question asked and the language it is shown in."""
        return evidence_key(self.organisation.pk, *self._question())

    @property
    def indicators(self) -> list[IndicatorSection]:
        return self.evidence.indicators

    @property
    def outcomes(self) -> list[dict[str, Any]]:
        return self.evidence.outcomes

    @property
    def surveys(self) -> list[tuple[Any, dict[str, Any]]]:
        return self.evidence.surveys

    @property
    def quotes(self) -> list[dict[str, Any]]:
        return self.evidence.quotes


def _indicator_section(
    indicator: Indicator,
    breakdowns: dict[str, list[tuple[Period, figures.PeriodFigures]]],
    threshold: Any,
) -> IndicatorSection:
    """The last two periods of each breakdown compared, or the only one shown."""
    section = IndicatorSection(indicator)
    for n, (dimension, periods) in enumerate(breakdowns.items()):
        if len(periods) >= 2:
            (_p, first), (_q, second) = periods[-2], periods[-1]
            checked = evidence.compare_figures(
                first, second, dimension=dimension, threshold=threshold
            )
            checked.chart_id = f"chart-{indicator.pk}-{n}"
            section.comparisons.append(checked)
        elif periods:
            period, found = periods[0]
            section.single.append(
                (
                    dimension,
                    period,
                    found,
                    figures.check_period(found, not_recorded_threshold=threshold),
                )
            )
    return section


@dataclass(frozen=True)
class Settings:
    """What the pack reads before its figures: where it starts unless asked, and the
    organisation's threshold and promises (or the defaults), in one query."""

    first_period_starts: datetime.date | None
    threshold: Decimal
    targets: ResponseTargets


def _settings(organisation: int) -> Any:
    def first(model: Any, column: str, order: str = "pk") -> Subquery:
        return Subquery(
            model.objects.filter(organisation=OuterRef("pk")).order_by(order).values(column)[:1]
        )

    return Organisation.objects.filter(pk=organisation).values(
        starts=first(Period, "starts_on", "starts_on"),
        threshold=first(EvidenceSettings, "not_recorded_threshold"),
        acknowledge=first(ResponseTargets, "acknowledge_within_days"),
        answer=first(ResponseTargets, "answer_within_days"),
    )


# Made once (`core.prepared`): four subqueries cost more to build than to answer.
_SETTINGS = Prepared(Organisation, _settings, organisation=int)


def settings_of(organisation: Organisation) -> Settings:
    (row,) = _SETTINGS(organisation=organisation.pk)
    defaults = ResponseTargets(organisation=organisation)
    return Settings(
        first_period_starts=row["starts"],
        threshold=row["threshold"]
        if row["threshold"] is not None
        else EvidenceSettings(organisation=organisation).not_recorded_threshold,
        targets=ResponseTargets(
            organisation=organisation,
            acknowledge_within_days=row["acknowledge"] or defaults.acknowledge_within_days,
            answer_within_days=row["answer"] or defaults.answer_within_days,
        ),
    )


def evidence_pack(
    organisation: Organisation,
    *,
    initiative: Any = None,
    since: datetime.date,
    until: datetime.date,
    settings: Settings | None = None,
) -> Pack:
    """Gather the pack. Quotes appear only while the person quoted agrees."""
    settings = settings or settings_of(organisation)
    return Pack(
        organisation=organisation,
        initiative=initiative,
        since=since,
        until=until,
        threshold=settings.threshold,
        influence=influence.figures_for(organisation, settings.targets),
        value=_value(initiative) if initiative is not None else None,
        cycle=cycle(organisation, initiative, since, until),
    )


def _evidence(
    organisation: Organisation,
    initiative: Any,
    since: datetime.date,
    until: datetime.date,
    threshold: Decimal,
) -> Evidence:
    indicators = list(evidence.indicators_in(organisation, initiative))
    in_range = evidence.figures_in_range(indicators, since, until)
    sections = [
        _indicator_section(indicator, in_range.get(indicator.pk, {}), threshold)
        for indicator in indicators
    ]
    surveys = evidence.surveys_in(organisation, initiative).filter(created_at__date__lte=until)
    return Evidence(
        indicators=[s for s in sections if s.comparisons or s.single],
        outcomes=evidence.outcome_summary(
            evidence.outcomes_in(organisation, initiative=initiative, since=since, until=until)
        ),
        surveys=[
            (survey, evidence.survey_results(survey, words=survey.share_words))
            for survey in surveys
        ],
        quotes=evidence.quotes_by_theme(organisation, initiative=initiative, limit=3),
    )


def _value(initiative: Any) -> dict[str, Any]:
    """Value for money with the costs the records hold added to those typed in."""
    found = evidence.value_of(initiative)
    recorded = recorded_costs(initiative)
    found["recorded_costs"] = recorded
    found["value"] = figures.value_of(
        [c.amount_pence for c in found["costs"]] + [amount for _label, amount in recorded],
        [
            figures.BenefitFigure(b.amount_pence_per_year, b.years, b.kind, b.confidence)
            for b in found["benefits"]
        ],
    )
    return found


def pack_sheets(pack: Pack) -> dict[str, list[list[Any]]]:
    """The pack as spreadsheet sheets: the data behind every table and chart."""
    sheets = {
        _("Commissioning cycle"): _cycle_rows(pack),
        _("Indicators"): _indicator_rows(pack),
        _("Outcomes"): _outcome_rows(pack),
        _("Surveys"): _survey_rows(pack),
        _("Quotes"): [[_("Theme"), _("Who said it"), _("What they said")]]
        + [
            [theme["code"].name, excerpt.get_speaker_group_display(), excerpt.words]
            for theme in pack.quotes
            for excerpt in theme["excerpts"]
        ],
        _("You said, we did"): _influence_rows(pack),
    }
    if pack.value is not None:
        sheets[_("Value for money")] = _value_rows(pack)
    return sheets


def _cycle_rows(pack: Pack) -> list[list[Any]]:
    return [
        [
            _("Co"),
            _("Sessions"),
            _("At co-design or co-production (%)"),
            _("Hours people gave"),
            _("People (rounded to 5)"),
            _("Time credits"),
            _("Recognition paid (£)"),
        ]
    ] + [
        [
            stage.label,
            stage.sessions,
            stage.deep_share,
            float(stage.hours),
            "<5" if stage.people.hidden else stage.people.value,
            stage.credits,
            stage.spent / 100,
        ]
        for stage in pack.cycle
    ]


def _indicator_rows(pack: Pack) -> list[list[Any]]:
    indicators: list[list[Any]] = []
    for section in pack.indicators:
        for checked in section.comparisons:
            indicators.append([section.indicator.name])
            indicators.extend(figures.comparison_rows(checked.comparison))
            indicators.extend([[_("Check"), flag.message] for flag in checked.flags])
            indicators.append([])
        for dimension, period, found, flags in section.single:
            indicators.append([section.indicator.name, dimension, period.label])
            indicators.extend([[name, value] for name, value in found.parts.items()])
            indicators.extend([[_("Check"), flag.message] for flag in flags])
            indicators.append([])
    indicators.append([_("Rounding"), pack.rounding_rule])
    return indicators


def _outcome_rows(pack: Pack) -> list[list[Any]]:
    return [
        [
            _("Outcome"),
            _("Framework"),
            _("Records"),
            _("With both scores"),
            _("Average at start"),
            _("Average at follow-up"),
            _("Improved"),
            _("Said it got better"),
            _("Said anything"),
        ]
    ] + [
        [
            row["item__title"],
            row["item__framework__title"],
            row["records"],
            row["paired"],
            row["mean_baseline"],
            row["mean_follow_up"],
            row["improved"],
            row["said_better"],
            row["said"],
        ]
        for row in pack.outcomes
    ]


def _survey_rows(pack: Pack) -> list[list[Any]]:
    surveys: list[list[Any]] = []
    for survey, results in pack.surveys:
        surveys += [
            [survey.title],
            [_("Given to"), results["sent"]],
            [
                _("Responses"),
                results["responses"],
                _("Response rate (%)"),
                results["response_rate"],
            ],
            [
                _("Answered every question"),
                results["complete"],
                _("Completion rate (%)"),
                results["completion_rate"],
            ],
        ]
        for q in results["questions"]:
            surveys.append([q["question"].text, _("answered by"), q["answered"]])
            surveys += [
                [option["label"], option["count"], option["share"]] for option in q["options"]
            ]
            if q["agreement"] is not None:
                surveys.append([_("Agree or strongly agree (%)"), "", q["agreement"]])
        surveys.append([])
    return surveys


def _influence_rows(pack: Pack) -> list[list[Any]]:
    said = pack.influence
    return [
        [_("Items raised"), said.total],
        [_("Answered"), said.answered],
        [_("Answered within target (share)"), said.answered_within_target],
        [_("Answers that led to a change (share)"), said.led_to_change],
        [_("Median days to answer"), said.median_days_to_answer],
        [_("Overdue now"), said.overdue],
    ]


def _value_rows(pack: Pack) -> list[list[Any]]:
    assert pack.value is not None
    value = pack.value["value"]
    return [
        *[[label, amount / 100] for label, amount in pack.value["recorded_costs"]],
        [_("Costs (£)"), value.cost / 100],
        [_("All benefits (£)"), value.benefit / 100],
        *[
            [_("%(kind)s benefits (£)") % {"kind": kind}, total / 100]
            for kind, total in value.by_kind.items()
        ],
        [_("Net benefit (£)"), value.net / 100],
        [
            _("Return for each £1"),
            float(value.per_pound) if value.per_pound is not None else None,
        ],
        [
            _("Lowest return for each £1"),
            float(value.per_pound_low) if value.per_pound_low is not None else None,
        ],
        [
            _("Highest return for each £1"),
            float(value.per_pound_high) if value.per_pound_high is not None else None,
        ],
        [
            _("Payback (months)"),
            float(value.payback_months) if value.payback_months is not None else None,
        ],
        [],
        [_("Assumption"), _("Based on")],
        *[[a.text, a.source] for a in pack.value["assumptions"]],
        [],
        [pack.value_rule],
    ]
