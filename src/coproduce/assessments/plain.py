"""Assessment results in plain words, for co-producers and commissioners: which answer
people gave most for each principle, as whole numbers and sentences, never statistics."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from coproduce.assessments.models import Assessment, ScalePoint
from coproduce.assessments.queries import ItemResult, Results, answer_counts
from coproduce.frameworks.models import FrameworkItem
from coproduce.web.pictures import Point
from coproduce.web.plain import count_or_share, whole
from coproduce.web.welsh import in_reader_language


@dataclass
class Said:
    """What people said about one principle."""

    item: FrameworkItem
    result: ItemResult
    most: list[ScalePoint]  # the answer given most (two or more when tied)
    count: int  # how many answers gave it
    answers: int  # answers with a score ("don't know" apart)
    dont_know: int
    average: int | None  # the average, to the nearest whole point

    @staticmethod
    def label(point: ScalePoint) -> str:
        return str(in_reader_language(point, "label"))

    @property
    def title(self) -> str:
        return str(in_reader_language(self.item, "title"))

    @property
    def most_labels(self) -> list[str]:
        return [self.label(p) for p in self.most]

    def words(self, easy: bool = False) -> str:
        """One sentence: "Most often, people said “Developing” (5 of 8 answers)."."""
        if not self.most:
            return _("Nobody gave a score yet.")
        # Quoted inside a sentence, so without their own full stop.
        names = [
            str(
                in_reader_language(p, "easy_read") if easy and p.easy_read else self.label(p)
            ).rstrip(".")
            for p in self.most
        ]
        if len(names) == 1:
            said = _("Most often, people said: “%(answer)s”.") % {"answer": names[0]}
        else:
            said = _("People were split between “%(first)s” and “%(second)s”.") % {
                "first": names[0],
                "second": names[1],
            }
        if easy:
            return said
        return f"{said} ({count_or_share(self.count, self.answers, 'answers')})"


def said_for(assessment: Assessment, results: Results) -> list[Said]:
    points = {p.value: p for p in assessment.scale.points.all()}
    counts = answer_counts(assessment)
    said = []
    for row in results.items:
        given = counts.get(row.item.pk, {})
        top = max(given.values(), default=0)
        most = [points[v] for v in sorted(given) if given[v] == top and v in points]
        mean = row.overall.mean
        said.append(
            Said(
                item=row.item,
                result=row,
                most=most if top else [],
                count=top,
                answers=sum(given.values()),
                dont_know=row.overall.dont_know,
                average=whole(mean) if mean is not None else None,
            )
        )
    return said


def people_answered(results: Results) -> int:
    return sum(counts["answered"] for counts in results.respondents.values())


def easy_points(said: list[Said]) -> list[Point]:
    """Each principle and what people said about it, as easy read: two lines each."""
    points = []
    for row in said:
        points.append(Point("list", row.title))
        points.append(Point("talk", row.words(easy=True)))
    return points
