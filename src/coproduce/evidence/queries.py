"""Reads for evidence: figures per period, comparisons with their checks, outcome and survey
summaries, theme counts, agreement between coders, and value for money."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from itertools import combinations
from typing import Any

from django.db.models import (
    Avg,
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
)
from django.shortcuts import get_object_or_404

from coproduce.core.models import Organisation, User
from coproduce.evidence import figures
from coproduce.evidence.models import (
    AGREEING,
    Assumption,
    BenefitLine,
    Code,
    Coding,
    CostLine,
    Document,
    Excerpt,
    Indicator,
    Observation,
    OutcomeRecord,
    Period,
    QuestionKind,
    Review,
    SelfReported,
    Survey,
    SurveyAnswer,
)
from coproduce.evidence.services.indicators import settings_for
from coproduce.evidence.suggest import LexicalSuggester, Suggestion, code_profiles
from coproduce.people.models import Consent, ConsentPurpose

SHOWN_DISAGREEMENTS = 100

# -- Indicators -----------------------------------------------------------------------------


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
    periods = {
        p.pk: p
        for p in Period.objects.filter(
            observations__indicator__in=indicators, starts_on__gte=since, ends_on__lte=until
        ).distinct()
    }
    found: dict[int, dict[str, dict[int, tuple[Period, figures.PeriodFigures]]]] = {}
    rows = (
        Observation.objects.filter(indicator__in=indicators, period__in=list(periods))
        .order_by("indicator_id", "dimension", "period__starts_on", "period__ends_on", "pk")
        .values_list(
            "indicator_id",
            "dimension",
            "period_id",
            "category",
            "value",
            "stated_share",
            "is_total",
        )
    )
    for indicator_id, dimension, period_id, category, value, share, is_total in rows:
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
        threshold=settings_for(indicator.organisation).not_recorded_threshold,
    )


def period_checks(indicator: Indicator, period: Period, dimension: str) -> list[figures.Flag]:
    return figures.check_period(
        period_figures(indicator, period, dimension),
        not_recorded_threshold=settings_for(indicator.organisation).not_recorded_threshold,
    )


# -- Outcomes -------------------------------------------------------------------------------


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


# -- Surveys --------------------------------------------------------------------------------


def surveys_in(organisation: Organisation, initiative: Any = None) -> QuerySet[Survey]:
    found = (
        Survey.objects.filter(organisation=organisation)
        .select_related("organisation")
        .annotate(response_count=Count("responses"))
    )
    if initiative is not None:
        found = found.filter(initiative=initiative)
    return found


def survey_in(*, organisation: Organisation, pk: Any) -> Survey:
    return get_object_or_404(
        Survey.objects.select_related("organisation"), organisation=organisation, pk=pk
    )


def survey_results(survey: Survey) -> dict[str, Any]:
    """Response and completion rates, and each question's answers with its own
    denominator: the people who answered that question."""
    responses = survey.responses.count()
    complete = survey.responses.filter(is_complete=True).count()
    answers = SurveyAnswer.objects.filter(response__survey=survey)
    counts = Counter(
        {
            (row["question_id"], row["choice"]): row["n"]
            for row in answers.values("question_id", "choice").annotate(n=Count("id")).order_by()
        }
    )
    comments: dict[int, list[str]] = defaultdict(list)
    for qid, words in answers.exclude(text="").values_list("question_id", "text")[:5000]:
        if len(comments[qid]) < 50:
            comments[qid].append(words)
    questions = []
    for question in survey.questions.all():
        answered = sum(n for (qid, _c), n in counts.items() if qid == question.pk)
        options = [
            {
                "key": key,
                "label": label,
                "count": counts[(question.pk, key)],
                "share": figures.rate(counts[(question.pk, key)], answered),
            }
            for key, label in question.options()
        ]
        agreeing = sum(counts[(question.pk, key)] for key in AGREEING)
        questions.append(
            {
                "question": question,
                "answered": answered,
                "skipped": responses - answered,
                "options": options,
                "agreement": figures.rate(agreeing, answered)
                if question.kind == QuestionKind.AGREE
                else None,
                "comments": comments.get(question.pk, []),
            }
        )
    return {
        "sent": survey.sent_count,
        "responses": responses,
        "complete": complete,
        "response_rate": figures.rate(responses, survey.sent_count),
        "completion_rate": figures.rate(complete, responses),
        "questions": questions,
    }


# -- Qualitative ---------------------------------------------------------------------------


def documents_in(organisation: Organisation) -> QuerySet[Document]:
    return (
        Document.objects.filter(organisation=organisation)
        .select_related("organisation")
        .defer("text")
        .annotate(excerpt_count=Count("excerpts"))
    )


def document_in(*, organisation: Organisation, pk: Any) -> Document:
    return get_object_or_404(Document, organisation=organisation, pk=pk)


def codes_in(organisation: Organisation) -> QuerySet[Code]:
    return Code.objects.filter(organisation=organisation).select_related("item__framework")


def with_quote_agreement(excerpts: QuerySet[Excerpt]) -> QuerySet[Any]:
    """Mark each excerpt with whether it may be quoted now: for someone on our records,
    while their agreement to be quoted stands; otherwise as agreed when gathered."""
    agreed = Consent.objects.filter(
        person=OuterRef("person"), purpose=ConsentPurpose.QUOTES, withdrawn_at__isnull=True
    )
    return excerpts.annotate(person_agrees=Exists(agreed)).annotate(
        may_quote=ExpressionWrapper(
            Q(person__isnull=True, agreed_to_quote=True)
            | Q(person__isnull=False, person_agrees=True),
            output_field=BooleanField(),
        )
    )


def quotable(excerpts: QuerySet[Excerpt]) -> QuerySet[Any]:
    return with_quote_agreement(excerpts).filter(may_quote=True)


def theme_counts(organisation: Organisation, document: Document | None = None) -> list[dict]:
    """Each code with how many excerpts carry it (by any coder), largest first."""
    codings = Coding.objects.filter(organisation=organisation)
    if document is not None:
        codings = codings.filter(excerpt__document=document)
    counts = dict(
        codings.values("code").annotate(n=Count("excerpt", distinct=True)).values_list("code", "n")
    )
    return sorted(
        ({"code": code, "excerpts": counts.get(code.pk, 0)} for code in codes_in(organisation)),
        key=lambda row: (-row["excerpts"], row["code"].name),
    )


def co_occurrence(organisation: Organisation) -> list[dict[str, Any]]:
    """Pairs of codes found on the same excerpt, most often first."""
    by_excerpt: dict[int, set[int]] = defaultdict(set)
    for excerpt_id, code_id in Coding.objects.filter(organisation=organisation).values_list(
        "excerpt_id", "code_id"
    ):
        by_excerpt[excerpt_id].add(code_id)
    pairs: Counter[tuple[int, int]] = Counter()
    for found in by_excerpt.values():
        pairs.update(combinations(sorted(found), 2))
    names = dict(Code.objects.filter(organisation=organisation).values_list("pk", "name"))
    return [
        {"first": names[a], "second": names[b], "excerpts": n}
        for (a, b), n in pairs.most_common(20)
    ]


def quotes_by_theme(
    organisation: Organisation,
    *,
    initiative: Any = None,
    quotable_only: bool = True,
    limit: int = 5,
) -> list[dict[str, Any]]:
    """For each code in use, excerpts that carry it, with who said them (as a group)."""
    excerpts = Excerpt.objects.filter(organisation=organisation)
    if initiative is not None:
        excerpts = excerpts.filter(document__initiative=initiative)
    if quotable_only:
        excerpts = quotable(excerpts)
    # Pairs of (code, passage) in reading order, as plain tuples: cheap however many
    # passages are coded, and only the few passages shown are loaded whole.
    pairs = (
        Coding.objects.filter(excerpt__in=excerpts.values("pk"))
        .values_list("code_id", "excerpt_id")
        .distinct()
        .order_by("code_id", "excerpt__document_id", "excerpt__position")
    )
    chosen: dict[int, list[int]] = defaultdict(list)
    for code_id, excerpt_id in pairs.iterator(chunk_size=5000):
        if len(chosen[code_id]) < limit:
            chosen[code_id].append(excerpt_id)
    shown = with_quote_agreement(
        Excerpt.objects.filter(pk__in=[e for ids in chosen.values() for e in ids])
    ).select_related("person")
    loaded = {excerpt.pk: excerpt for excerpt in shown}
    return [
        {"code": code, "excerpts": [loaded[e] for e in chosen[code.pk]]}
        for code in codes_in(organisation)
        if chosen.get(code.pk)
    ]


def coders_in(organisation: Organisation) -> QuerySet[Any]:
    """Everyone who has reviewed an excerpt here."""
    return User.objects.filter(
        pk__in=Review.objects.filter(organisation=organisation).values("coder")
    ).order_by("email")


def agreement(organisation: Organisation, first: Any, second: Any) -> dict[str, Any]:
    """Cohen's kappa per code over the excerpts both coders reviewed, and each excerpt
    where they disagree, for the two of them to talk through."""
    reviewed = set(
        Review.objects.filter(organisation=organisation, coder=first).values_list(
            "excerpt_id", flat=True
        )
    ) & set(
        Review.objects.filter(organisation=organisation, coder=second).values_list(
            "excerpt_id", flat=True
        )
    )
    # For each coder, the passages they gave each code, among those both reviewed.
    given: dict[int, dict[int, set[int]]] = {
        first.pk: defaultdict(set),
        second.pk: defaultdict(set),
    }
    for excerpt_id, code_id, coder_id in Coding.objects.filter(
        excerpt_id__in=reviewed, coder__in=[first, second]
    ).values_list("excerpt_id", "code_id", "coder_id"):
        given[coder_id][code_id].add(excerpt_id)
    rows: list[dict[str, Any]] = []
    disagreements: dict[int, dict[str, Any]] = {}
    for code in codes_in(organisation):
        mine, theirs = given[first.pk][code.pk], given[second.pk][code.pk]
        if not (mine or theirs):
            continue
        result = figures.agreement_from_counts(
            len(reviewed), len(mine & theirs), len(mine - theirs), len(theirs - mine)
        )
        rows.append(
            {
                "code": code,
                "result": result,
                "kappa": figures.rounded(result.kappa),
                "observed": figures.rate(result.both + result.neither, result.excerpts),
                "words": figures.kappa_words(result.kappa),
            }
        )
        for side, excerpt_ids in (("first_only", mine - theirs), ("second_only", theirs - mine)):
            for excerpt_id in excerpt_ids:
                entry = disagreements.setdefault(
                    excerpt_id, {"excerpt_id": excerpt_id, "first_only": [], "second_only": []}
                )
                entry[side].append(code.name)
    # The first passages to talk through, in reading order; the rest are counted.
    ordered = sorted(disagreements.values(), key=lambda d: d["excerpt_id"])
    excerpts = Excerpt.objects.in_bulk([d["excerpt_id"] for d in ordered[:SHOWN_DISAGREEMENTS]])
    for entry in ordered[:SHOWN_DISAGREEMENTS]:
        entry["excerpt"] = excerpts[entry["excerpt_id"]]
    kappas = [r["result"].kappa for r in rows if r["result"].kappa is not None]
    return {
        "excerpts": len(reviewed),
        "rows": rows,
        "mean_kappa": figures.rounded(sum(kappas, Fraction(0)) / len(kappas)) if kappas else None,
        "disagreements": ordered,
        "shown_disagreements": ordered[:SHOWN_DISAGREEMENTS],
    }


def suggestions_for(organisation: Organisation, excerpt: Excerpt) -> list[tuple[Code, Suggestion]]:
    """Codes suggested for an excerpt, with the words that matched."""
    codes = list(codes_in(organisation))
    coded = list(
        Coding.objects.filter(organisation=organisation)
        .exclude(excerpt=excerpt)
        .values_list("code_id", "excerpt__text")
        .distinct()[:5000]
    )
    profiles = code_profiles([(c.pk, c.name, c.description) for c in codes], coded)
    by_id = {c.pk: c for c in codes}
    return [(by_id[s.code_id], s) for s in LexicalSuggester().suggest(excerpt.text, profiles)]


# -- Value for money --------------------------------------------------------------------------


def value_of(initiative: Any) -> dict[str, Any]:
    costs = list(CostLine.objects.filter(initiative=initiative))
    benefits = list(BenefitLine.objects.filter(initiative=initiative))
    result = figures.value_of(
        [c.amount_pence for c in costs],
        [
            figures.BenefitFigure(b.amount_pence_per_year, b.years, b.kind, b.confidence)
            for b in benefits
        ],
    )
    return {
        "costs": costs,
        "benefits": benefits,
        "assumptions": list(initiative_assumptions(initiative)),
        "value": result,
    }


def initiative_assumptions(initiative: Any) -> QuerySet[Assumption]:
    return Assumption.objects.filter(initiative=initiative)
