"""Comparing with similar organisations (issue 20): organisations that opted in, of the same
kind, region or size, as quartiles. Nobody is named, and no quartile is shown for fewer
than 5 organisations, so no single organisation's figure can be read off."""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coproduce.core.models import Organisation
from coproduce.influence.models import ANSWERED, InfluenceItem
from coproduce.insight.models import Benchmarking
from coproduce.insight.network import latest_scores
from coproduce.people.models import Person
from coproduce.sessions.models import DEEP_RUNGS, Session
from coproduce.sessions.queries import held_between

FEWEST = 5
# People on the books, for "the same size".
SIZES = [(0, 50), (50, 200), (200, None)]

GROUPS = {
    "kind": gettext_lazy("The same kind of organisation"),
    "region": gettext_lazy("The same region"),
    "size": gettext_lazy("A similar number of people"),
    "all": gettext_lazy("Every organisation comparing"),
}
MEASURES = {
    "score": (
        gettext_lazy("Self-assessment score"),
        gettext_lazy("The latest self-assessment, as a share of its scale's top (%)"),
        True,
    ),
    "deep": (
        gettext_lazy("Sessions at co-design or co-production"),
        gettext_lazy("In the last 12 months, as a share of sessions with a rung recorded (%)"),
        True,
    ),
    "days": (
        gettext_lazy("Days to answer “you said, we did”"),
        gettext_lazy("The middle number of days from raising to an answer, last 12 months"),
        False,
    ),
}


@dataclass
class Comparison:
    measure: str
    ours: float | None
    count: int  # organisations in the group with this figure
    quartiles: tuple[float, float, float] | None  # None below FEWEST

    @property
    def label(self) -> str:
        return str(MEASURES[self.measure][0])

    @property
    def about(self) -> str:
        return str(MEASURES[self.measure][1])

    @property
    def where(self) -> str:
        """Where we sit, in words: the quarter, counting "better" the right way round."""
        if self.ours is None or self.quartiles is None:
            return ""
        low, middle, high = self.quartiles
        higher_is_better = MEASURES[self.measure][2]
        quarter = 1 + sum(self.ours > cut for cut in (low, middle, high))
        if not higher_is_better:
            quarter = 5 - quarter
        return {
            1: _("In the lowest quarter"),
            2: _("Below the middle"),
            3: _("Above the middle"),
            4: _("In the top quarter"),
        }[quarter]


def size_band(people: int) -> int:
    return next(
        n
        for n, (low, high) in enumerate(SIZES)
        if people >= low and (high is None or people < high)
    )


def _figures(ids: list[int], today: datetime.date) -> dict[str, dict[int, float]]:
    since = today - datetime.timedelta(days=365)
    deep: dict[int, float] = {}
    for row in (
        Session.objects.filter(held_between(since, today), organisation_id__in=ids)
        .exclude(rung="")
        .values("organisation_id")
        .annotate(n=Count("id"), deep=Count("id", filter=Q(rung__in=DEEP_RUNGS)))
    ):
        deep[row["organisation_id"]] = 100 * row["deep"] / row["n"]
    waits: dict[int, list[int]] = defaultdict(list)
    for organisation, raised, answered in InfluenceItem.objects.filter(
        organisation_id__in=ids, status__in=ANSWERED, answered_on__gte=since
    ).values_list("organisation_id", "raised_on", "answered_on"):
        if answered is not None:  # filtered on, so always set
            waits[organisation].append((answered - raised).days)
    scores = {
        organisation: 100 * score.mean / score.top
        for organisation, score in latest_scores(ids).items()
        if score.top
    }
    days = {organisation: float(statistics.median(found)) for organisation, found in waits.items()}
    return {"score": scores, "deep": deep, "days": days}


def _quartiles(values: list[float]) -> tuple[float, float, float] | None:
    if len(values) < FEWEST:
        return None
    low, middle, high = statistics.quantiles(values, n=4, method="inclusive")
    return round(low, 1), round(middle, 1), round(high, 1)


def compare(organisation: Organisation, group: str, today: datetime.date) -> dict[str, Any]:
    """Our figures beside the quartiles of the opted-in organisations like us."""
    joined = list(Benchmarking.objects.select_related("organisation"))
    ours = next((b for b in joined if b.organisation_id == organisation.pk), None)
    if ours is None:  # only those who share their figures see the others'
        return {"joined": None, "organisations": 0, "comparisons": []}
    sizes = dict(
        Person.objects.filter(erased_at__isnull=True, organisation__benchmarking__isnull=False)
        .values("organisation_id")
        .annotate(n=Count("id"))
        .values_list("organisation_id", "n")
    )
    if group == "kind":
        alike = [b for b in joined if b.organisation.kind == organisation.kind]
    elif group == "region":
        alike = [b for b in joined if b.region == ours.region]
    elif group == "size":
        band = size_band(sizes.get(organisation.pk, 0))
        alike = [b for b in joined if size_band(sizes.get(b.organisation_id, 0)) == band]
    else:
        alike = joined
    ids = [b.organisation_id for b in alike]
    found = _figures(ids, today)
    comparisons = []
    for measure in MEASURES:
        values = [value for key, value in found[measure].items() if key in ids]
        comparisons.append(
            Comparison(
                measure,
                round(found[measure][organisation.pk], 1)
                if organisation.pk in found[measure]
                else None,
                len(values),
                _quartiles(values),
            )
        )
    return {"joined": ours, "organisations": len(ids), "comparisons": comparisons}
