"""The annual review's figures: assembled from the year's records by the same queries as
the pages they come from (insight's roll-up and who takes part, "you said, we did", the
library, the action plan), kept as data with where each came from, and shown in the
reader's language.

A figure is {"key", "kind", "value", "url"}; `kind` says how to show `value`: a count,
hours, money in pence, people (rounded to 5, None for "fewer than 5"), a percentage or a
self-assessment score. Lists (gaps, changes, stories, actions) are kept the same way."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coproduce.assessments.models import Action
from coproduce.core.models import Organisation
from coproduce.influence.models import InfluenceItem, ItemStatus
from coproduce.insight import network
from coproduce.insight import queries as insight
from coproduce.insight.suppression import Published
from coproduce.ledger.queries import money
from coproduce.library.models import CaseStatus, CaseStudy
from coproduce.reports.models import AnnualReview, SectionKey
from coproduce.sessions.models import DEEP_RUNGS, Co
from coproduce.web.plain import percent_of

# What each figure is, and where it comes from, in words.
FIGURES: dict[str, tuple[Any, Any]] = {
    "sessions": (
        gettext_lazy("Sessions held"),
        gettext_lazy("Sessions in the year, not cancelled"),
    ),
    "hours": (
        gettext_lazy("Hours people gave"),
        gettext_lazy("Hours on those sessions' registers"),
    ),
    "people": (gettext_lazy("People who came"), gettext_lazy("Different people on the registers")),
    "deep": (
        gettext_lazy("Sessions at co-design or co-production"),
        gettext_lazy("The rung of the ladder recorded for each session"),
    ),
    "took_part": (
        gettext_lazy("People who took part"),
        gettext_lazy("Who takes part, for the same year"),
    ),
    "recorded": (
        gettext_lazy("Of them, people who told us their ethnic group"),
        gettext_lazy("Equality information kept with people's agreement"),
    ),
    "raised": (
        gettext_lazy("Things people raised"),
        gettext_lazy("“You said, we did”: raised in the year"),
    ),
    "changed": (
        gettext_lazy("Changes made because people spoke up"),
        gettext_lazy("“You said, we did”: answered “Changed” in the year"),
    ),
    "credits": (gettext_lazy("Time credits given"), gettext_lazy("Approved recognition")),
    "paid": (
        gettext_lazy("Paid to people for their time"),
        gettext_lazy("Approved recognition paid as money or vouchers"),
    ),
    "score": (
        gettext_lazy("Our latest self-assessment"),
        gettext_lazy("The answers sent to it, every principle counting equally"),
    ),
    "stories": (
        gettext_lazy("Stories published"),
        gettext_lazy("Case studies published in the year"),
    ),
}
for _co, _label in Co.choices:
    FIGURES[f"co-{_co}"] = (_label, gettext_lazy("The Co recorded for each session"))


@dataclass
class Figure:
    key: str
    kind: str
    value: Any
    url: str = ""

    @property
    def label(self) -> str:
        return str(FIGURES[self.key][0])

    @property
    def source(self) -> str:
        return str(FIGURES[self.key][1])

    @property
    def shown(self) -> str:
        """The value as a reader sees it."""
        if self.kind == "people":
            return str(Published(self.value))
        if self.kind == "money":
            return money(int(self.value))
        if self.kind == "percent":
            return "–" if self.value is None else f"{self.value}%"
        if self.kind == "hours":
            return formats.number_format(Decimal(str(self.value)).normalize())
        if self.kind == "score":
            if self.value is None:
                return _("No self-assessment with answers yet")
            return str(network.Score(**self.value))
        return str(self.value)


@dataclass
class Section:
    key: str
    figures: list[Figure] = field(default_factory=list)
    items: list[dict[str, Any]] = field(default_factory=list)
    text: str = ""
    version: int = 0

    @property
    def heading(self) -> str:
        return str(SectionKey(self.key).label)

    @property
    def paragraphs(self) -> list[str]:
        return [
            part.strip() for part in self.text.replace("\r\n", "\n").split("\n\n") if part.strip()
        ]

    @property
    def gaps(self) -> list[str]:
        return [str(insight.Gap(**item)) for item in self.items if "dimension" in item]


def _url(name: str, organisation: Organisation, **query: Any) -> str:
    path = reverse(name, kwargs={"org_slug": organisation.slug})
    return f"{path}?{urlencode(query)}" if query else path


def assemble(organisation: Organisation, since: datetime.date, until: datetime.date) -> dict:
    """Every figure and list of the review, as data to keep."""
    period = {"since": since.isoformat(), "until": until.isoformat()}
    scope = (
        network.network_scope(organisation)
        if organisation.is_network
        else network.Scope(organisation)
    )
    rolled = network.rollup(scope, since, until)
    total = rolled.total
    deep = sum(total.rungs[rung] for rung in DEEP_RUNGS)
    rungs = sum(total.rungs.values())
    took_part = insight.participation(organisation, since, until, members=scope.counted[1:])
    ethnicity = next(t for t in took_part.tables if t.dimension == "ethnicity")
    sessions_url = _url("sessions:session-list", organisation)
    who_url = _url("insight:participation", organisation, **period)
    said_url = _url("influence:item-list", organisation)
    score = rolled.rows[0].score
    sections: dict[str, dict[str, Any]] = {
        SectionKey.DID: {
            "figures": [
                {"key": "sessions", "kind": "count", "value": total.sessions, "url": sessions_url},
                {"key": "hours", "kind": "hours", "value": str(total.hours), "url": sessions_url},
                {
                    "key": "people",
                    "kind": "people",
                    "value": total.published_people.value,
                    "url": sessions_url,
                },
                {
                    "key": "deep",
                    "kind": "percent",
                    "value": percent_of(deep, rungs) if rungs else None,
                    "url": sessions_url,
                },
                *(
                    {
                        "key": f"co-{co}",
                        "kind": "count",
                        "value": total.cos[co],
                        "url": sessions_url,
                    }
                    for co, _label in Co.choices
                ),
            ],
        },
        SectionKey.WHO: {
            "figures": [
                {
                    "key": "took_part",
                    "kind": "people",
                    "value": ethnicity.total.value,
                    "url": who_url,
                },
                {
                    "key": "recorded",
                    "kind": "people",
                    "value": ethnicity.recorded.value,
                    "url": who_url,
                },
            ],
            "items": [gap.__dict__ for gap in insight.gap_facts(took_part.tables)],
        },
        SectionKey.CHANGED: {
            "figures": [
                {"key": "raised", "kind": "count", "value": total.raised, "url": said_url},
                {"key": "changed", "kind": "count", "value": total.changed, "url": said_url},
            ],
            "items": _changes(scope, since, until),
        },
        SectionKey.RECOGNITION: {
            "figures": [
                {"key": "credits", "kind": "count", "value": total.credits, "url": ""},
                {"key": "paid", "kind": "money", "value": total.paid, "url": ""},
            ],
        },
        SectionKey.ASSESSMENT: {
            "figures": [
                {
                    "key": "score",
                    "kind": "score",
                    "value": score.__dict__ if score else None,
                    "url": _url("assessments:assessment-list", organisation),
                }
            ],
        },
        SectionKey.STORIES: _stories(scope, since, until),
        SectionKey.NEXT: {"items": _actions(organisation)},
    }
    return {"since": since.isoformat(), "until": until.isoformat(), "sections": sections}


def _changes(scope: network.Scope, since: datetime.date, until: datetime.date) -> list[dict]:
    """What changed, in the organisation's own words: public items only, for a network
    also its named members' (the others' titles stay theirs)."""
    items = InfluenceItem.objects.filter(
        organisation__in=[scope.network, *scope.named],
        status=ItemStatus.CHANGED,
        answered_on__range=(since, until),
        is_public=True,
    ).order_by("answered_on", "pk")
    return [{"title": item.title, "response": item.response} for item in items[:20]]


def _stories(scope: network.Scope, since: datetime.date, until: datetime.date) -> dict:
    stories = CaseStudy.objects.filter(
        organisation__in=[scope.network, *scope.named],
        status=CaseStatus.PUBLISHED,
        published_at__date__range=(since, until),
    ).order_by("published_at", "pk")
    return {
        "figures": [
            {
                "key": "stories",
                "kind": "count",
                "value": stories.count(),
                "url": reverse("library:home"),
            }
        ],
        "items": [
            {"title": story.title, "url": reverse("library:case-study", args=[story.slug])}
            for story in stories[:20]
        ],
    }


def _actions(organisation: Organisation) -> list[dict]:
    """The action plan still open, from the latest round of each self-assessment."""
    actions = (
        Action.objects.open()
        .filter(organisation=organisation, assessment__next_rounds__isnull=True)
        .order_by("due_on", "pk")
    )
    return [
        {
            "title": action.title,
            "owner": action.owner,
            "due": action.due_on.isoformat() if action.due_on else "",
        }
        for action in actions[:20]
    ]


def sections_of(review: AnnualReview) -> list[Section]:
    """The review's sections in order: the kept figures and lists with the words written."""
    kept = review.figures.get("sections", {})
    words = {s.key: s for s in review.sections.all()}
    found = []
    for key in SectionKey.values:
        data = kept.get(key, {})
        section = Section(
            key,
            [Figure(**figure) for figure in data.get("figures", [])],
            data.get("items", []),
        )
        if key in words:
            section.text, section.version = words[key].text, words[key].version
        found.append(section)
    return found


def first_words(figures: dict) -> dict[str, str]:
    """A first draft of each section's words from its figures, for people to rewrite."""
    sections = {
        key: [Figure(**f) for f in data.get("figures", [])]
        for key, data in figures["sections"].items()
    }
    by_key = {f.key: f for figures_of in sections.values() for f in figures_of}
    did = _("This year we held %(sessions)s sessions, and %(people)s people came.") % {
        "sessions": by_key["sessions"].shown,
        "people": by_key["people"].shown,
    }
    changed = _("People raised %(raised)s things with us, and %(changed)s led to a change.") % {
        "raised": by_key["raised"].shown,
        "changed": by_key["changed"].shown,
    }
    return {SectionKey.DID: did, SectionKey.CHANGED: changed}


def sheet_rows(review: AnnualReview, sections: list[Section], request: Any) -> list[list[Any]]:
    """The review as a spreadsheet: every figure with where it comes from, every list,
    and the words, section by section."""
    rows: list[list[Any]] = [
        [str(review.organisation), _("Annual review"), review.since, review.until],
        [_("Section"), _("Figure"), _("Value"), _("Where it comes from"), _("Link")],
    ]
    for section in sections:
        for figure in section.figures:
            link = request.build_absolute_uri(figure.url) if figure.url else ""
            rows.append([section.heading, figure.label, figure.shown, figure.source, link])
        for gap in section.gaps:
            rows.append([section.heading, _("Who is missing"), gap, "", ""])
        for item in section.items:
            if "title" in item:
                link = request.build_absolute_uri(item["url"]) if item.get("url") else ""
                rows.append([section.heading, item["title"], item.get("response", ""), "", link])
        if section.text:
            rows.append([section.heading, _("What we say"), section.text, "", ""])
    return rows


def reviews_of(organisation: Organisation) -> Any:
    """The organisation's reviews, the latest year first."""
    return AnnualReview.objects.filter(organisation=organisation).order_by("-year")
