"""Reads for assessments. Results are aggregated in the database as integer sums and counts,
so every figure is exact and does not depend on the order answers arrived in."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.http import Http404
from django.utils.translation import gettext as _

from coproduce.assessments.models import (
    Action,
    Answer,
    Assessment,
    LevelThreshold,
    ModeratedScore,
    Respondent,
    RespondentGroup,
    Scale,
)
from coproduce.core.models import Organisation, Role, User
from coproduce.core.prepared import Prepared
from coproduce.core.tenancy import scoped
from coproduce.frameworks.models import FrameworkItem, Statement, StatementSet

# A difference of a whole point or more between two groups is worth talking about.
GAP_TO_DISCUSS = 1.0
# Results are shared with everyone once this many people have sent answers.
FEWEST_TO_SHARE = 3
# An assessment's respondents who sent their answers and were not taken out: only their
# answers count.
SENT = Q(respondents__submitted_at__isnull=False, respondents__withdrawn_at__isnull=True)


def _sent_answers(assessment: Assessment | int) -> QuerySet[Answer]:
    return Answer.objects.filter(
        respondent__assessment=assessment,
        respondent__submitted_at__isnull=False,
        respondent__withdrawn_at__isnull=True,
    )


@dataclass
class Cell:
    """One group's answers to one item: sums kept so cells can be added together exactly."""

    count: int = 0
    dont_know: int = 0
    total: int = 0
    total_sq: int = 0

    def __add__(self, other: Cell) -> Cell:
        return Cell(
            self.count + other.count,
            self.dont_know + other.dont_know,
            self.total + other.total,
            self.total_sq + other.total_sq,
        )

    @property
    def mean(self) -> float | None:
        return self.total / self.count if self.count else None

    @property
    def spread(self) -> float | None:
        """Standard deviation of the scores (population), or None without scores."""
        if not self.count:
            return None
        variance = self.total_sq / self.count - (self.total / self.count) ** 2
        return math.sqrt(max(variance, 0.0))


@dataclass
class ItemResult:
    item: FrameworkItem
    by_group: dict[str, Cell]
    overall: Cell
    moderated: ModeratedScore | None = None
    previous_mean: float | None = None
    # The group cells in the order of Results.groups, for tables.
    cells: list[Cell] = field(default_factory=list)

    @property
    def staff_co_producer_gap(self) -> float | None:
        staff = self.by_group.get(RespondentGroup.STAFF, Cell()).mean
        partners = self.by_group.get(RespondentGroup.CO_PRODUCER, Cell()).mean
        if staff is None or partners is None:
            return None
        return staff - partners

    @property
    def gap_to_discuss(self) -> bool:
        gap = self.staff_co_producer_gap
        return gap is not None and abs(gap) >= GAP_TO_DISCUSS

    @property
    def change(self) -> float | None:
        if self.previous_mean is None or self.overall.mean is None:
            return None
        return self.overall.mean - self.previous_mean


@dataclass
class Results:
    assessment: Assessment
    items: list[ItemResult]
    groups: list[tuple[str, str]]
    respondents: dict[str, dict[str, int]]
    overall_mean: float | None
    level: str | None
    next_level: LevelThreshold | None
    four_cos: list[dict[str, Any]] = field(default_factory=list)
    four_cos_gaps: list[str] = field(default_factory=list)

    @property
    def gaps_to_discuss(self) -> list[ItemResult]:
        return [row for row in self.items if row.gap_to_discuss]


def assessments_in(organisation: Organisation) -> QuerySet[Assessment]:
    return (
        scoped(Assessment.objects.all(), organisation)
        .select_related("statement_set__framework", "previous")
        .annotate(
            invited=Count("respondents", distinct=True),
            answered=Count("respondents", filter=SENT, distinct=True),
        )
        # Meta.ordering is not applied to GROUP BY queries, so say it here.
        .order_by("-created_at", "-id")
    )


# Every assessment page reads its assessment first: made once (`core.prepared`).
_ASSESSMENT = Prepared(
    Assessment,
    lambda organisation, pk: (
        Assessment.objects.filter(organisation_id=organisation, pk=pk)
        .select_related("statement_set__framework", "scale", "previous", "organisation")
        .order_by()
    ),
    organisation=int,
    pk=int,
)


def assessment_in(*, organisation: Organisation, pk: Any) -> Assessment:
    try:
        found = _ASSESSMENT(organisation=organisation.pk, pk=int(pk))
    except (ValueError, TypeError, OverflowError) as error:
        raise Http404("No assessment found.") from error
    if not found:
        raise Http404("No assessment found.")
    (assessment,) = found
    return assessment


def statements_of(assessment: Assessment) -> list[Statement]:
    return list(
        Statement.objects.filter(statement_set_id=assessment.statement_set_id).select_related(
            "item"
        )
    )


def statement_sets_for(organisation: Organisation) -> QuerySet[StatementSet]:
    """Statement sets from the current library and the organisation's own frameworks."""
    return (
        StatementSet.objects.filter(framework__is_current=True)
        .filter(Q(framework__organisation__isnull=True) | Q(framework__organisation=organisation))
        .select_related("framework")
        .annotate(statement_count=Count("statements"))
    )


def scales_for(organisation: Organisation) -> QuerySet[Scale]:
    """The shared scale and the organisation's own."""
    return Scale.objects.filter(
        Q(organisation__isnull=True) | Q(organisation=organisation)
    ).prefetch_related("points")


def reviewers_in(organisation: Organisation) -> QuerySet[Any]:
    """Accounts with the peer reviewer role here, who can be linked to a review."""
    return User.objects.filter(
        memberships__organisation=organisation, memberships__role=Role.REVIEWER
    ).order_by("email")


def respondents_of(assessment: Assessment) -> QuerySet[Respondent]:
    return assessment.respondents.select_related("person").annotate(answer_count=Count("answers"))


def _cell_rows(assessment: int) -> QuerySet[Any]:
    return (
        _sent_answers(assessment)
        .values("statement__item_id", "respondent__group")
        .annotate(
            count=Count("id", filter=Q(dont_know=False)),
            dont_know_count=Count("id", filter=Q(dont_know=True)),
            total=Sum("score"),
            total_sq=Sum(F("score") * F("score")),
        )
    )


# The results page's reads, made once (`core.prepared`, issue 23).
_CELLS = Prepared(Answer, _cell_rows, assessment=int)
_ITEMS = Prepared(
    FrameworkItem,
    lambda statement_set: (
        FrameworkItem.objects.filter(statements__statement_set_id=statement_set)
        .select_related("parent")
        .distinct()
        .order_by("position")
    ),
    statement_set=int,
)
_MODERATED = Prepared(
    ModeratedScore,
    lambda assessment: ModeratedScore.objects.filter(assessment_id=assessment),
    assessment=int,
)
_LEVELS = Prepared(
    LevelThreshold,
    lambda organisation: LevelThreshold.objects.filter(organisation_id=organisation).order_by(
        "minimum"
    ),
    organisation=int,
)
_ANSWERED = Prepared(
    Respondent,
    lambda assessment: (
        Respondent.objects.filter(assessment_id=assessment)
        .values("group")
        .annotate(
            invited=Count("id"),
            answered=Count("id", filter=Q(submitted_at__isnull=False, withdrawn_at__isnull=True)),
            withdrawn=Count("id", filter=Q(withdrawn_at__isnull=False)),
        )
        .order_by("group")
    ),
    assessment=int,
)


def _cells(assessment: Assessment) -> dict[tuple[int, str], Cell]:
    rows = _CELLS(assessment=assessment.pk)
    return {
        (row["statement__item_id"], row["respondent__group"]): Cell(
            row["count"], row["dont_know_count"], row["total"] or 0, row["total_sq"] or 0
        )
        for row in rows
    }


def _item_means(assessment: Assessment) -> dict[str, float | None]:
    """Overall mean per item key: used to compare with an earlier round."""
    totals: dict[int, Cell] = {}
    for (item_id, _group), cell in _cells(assessment).items():
        totals[item_id] = totals.get(item_id, Cell()) + cell
    keys = dict(FrameworkItem.objects.filter(pk__in=totals).values_list("pk", "key"))
    return {keys[item_id]: cell.mean for item_id, cell in totals.items()}


def level_for(
    organisation: Organisation, mean: float | None
) -> tuple[str | None, LevelThreshold | None]:
    """The organisation's named level for a mean, and the next level up."""
    if mean is None:
        return None, None
    reached, next_level = None, None
    for level in _LEVELS(organisation=organisation.pk):
        if mean >= float(level.minimum):
            reached = level.name
        elif next_level is None:
            next_level = level
    return reached, next_level


def results_for(assessment: Assessment) -> Results:
    """Every figure on the results page, from a fixed number of queries."""
    cells = _cells(assessment)
    items = _ITEMS(statement_set=assessment.statement_set_id)
    moderated = {m.item_id: m for m in _MODERATED(assessment=assessment.pk)}
    previous = _item_means(assessment.previous) if assessment.previous is not None else {}
    present = {group for (_item, group) in cells}
    groups = [(value, str(label)) for value, label in RespondentGroup.choices if value in present]
    results = []
    for item in items:
        by_group = {group: cells.get((item.pk, group), Cell()) for group, _label in groups}
        overall = sum(by_group.values(), Cell())
        results.append(
            ItemResult(
                item,
                by_group,
                overall,
                moderated.get(item.pk),
                previous.get(item.key),
                list(by_group.values()),
            )
        )
    means = [r.overall.mean for r in results if r.overall.mean is not None]
    # Every principle counts equally, however many statements it has.
    overall_mean = sum(means) / len(means) if means else None
    level, next_level = level_for(assessment.organisation, overall_mean)
    counts = _ANSWERED(assessment=assessment.pk)
    labels = dict(RespondentGroup.choices)
    respondents = {
        row["group"]: row | {"label": str(labels[row["group"]]).lower()} for row in counts
    }
    out = Results(assessment, results, groups, respondents, overall_mean, level, next_level)
    if assessment.statement_set.framework.key == "four-cos":
        out.four_cos, out.four_cos_gaps = _four_cos_map(results)
    return out


def _four_cos_map(results: list[ItemResult]) -> tuple[list[dict[str, Any]], list[str]]:
    """Add each sub-type's answers up to its Co, and say in words where the gaps are."""
    cos: dict[str, dict[str, Any]] = {}
    for result in results:
        top = result.item.parent or result.item
        entry = cos.setdefault(top.key, {"title": top.title, "cell": Cell(), "parts": []})
        entry["cell"] = entry["cell"] + result.overall
        entry["parts"].append(result)
    rows = [{"key": key, **value} for key, value in cos.items()]
    mean = {row["key"]: row["cell"].mean for row in rows}
    gaps = []
    for row in rows:
        if row["cell"].mean is None:
            gaps.append(_("Nobody has rated %(co)s yet.") % {"co": row["title"].lower()})
        elif row["cell"].mean < 1:
            gaps.append(_("There is little or no %(co)s yet.") % {"co": row["title"].lower()})
    delivery, assessment = mean.get("co-delivery"), mean.get("co-assessment")
    if delivery is not None and delivery >= 2 and (assessment is None or assessment < 1):
        gaps.append(
            _(
                "People help deliver services, but they rarely help judge the results: "
                "co-assessment is the gap to close."
            )
        )
    return rows, gaps


def answers_for_export(assessment: Assessment) -> QuerySet[Answer]:
    """Every answer, with the respondent's label rather than their name."""
    return (
        Answer.objects.filter(respondent__assessment=assessment)
        .select_related("respondent", "statement__item")
        .order_by("respondent__group", "respondent_id", "statement__position")
    )


def open_actions_in(organisation: Organisation) -> QuerySet[Action]:
    """Open actions from the latest round of each assessment, for the organisation home."""
    return (
        scoped(Action.objects.open(), organisation)
        .filter(assessment__next_rounds__isnull=True)
        .select_related("assessment", "item")
        .order_by("due_on", "id")
    )


def answers_by_statement(respondent: Respondent) -> dict[int, Answer]:
    return {a.statement_id: a for a in respondent.answers.all()}


def answer_counts(assessment: Assessment) -> dict[int, dict[int, int]]:
    """How many sent answers gave each score, by framework item: {item id: {score: n}}.
    "Don't know" is left out; the results' cells count it."""
    rows = (
        _sent_answers(assessment)
        .filter(dont_know=False)
        .values("statement__item_id", "score")
        .annotate(n=Count("id"))
    )
    counts: dict[int, dict[int, int]] = {}
    for row in rows:
        counts.setdefault(row["statement__item_id"], {})[row["score"]] = row["n"]
    return counts


def assessments_to_share(organisation: Organisation) -> QuerySet[Assessment]:
    """Assessments enough people have answered for their results to be shared with
    everyone: with fewer, one person's answers could be picked out."""
    return (
        scoped(Assessment.objects.all(), organisation)
        .annotate(answered=Count("respondents", filter=SENT))
        .filter(answered__gte=FEWEST_TO_SHARE)
        .order_by("-created_at", "-id")
    )
