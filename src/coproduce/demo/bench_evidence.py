"""The evidence part of `coproduce bench`: a large organisation's figures, survey and
coded transcripts, then its evidence pages timed through Django's test client."""

from __future__ import annotations

import datetime
import random
import time
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.test import Client

from coproduce.core.models import Membership, Organisation, Role, User
from coproduce.core.services import user_create
from coproduce.evidence.models import (
    Code,
    Coding,
    Document,
    Excerpt,
    Indicator,
    Observation,
    OutcomeRecord,
    Period,
    Question,
    Review,
    Survey,
    SurveyAnswer,
    SurveyResponse,
)
from coproduce.frameworks.models import FrameworkItem

INDICATORS = 40
PERIODS = 8
BREAKDOWNS = ("referral source", "ethnicity")
CATEGORIES = 10
CODES = 20
OUTCOMES = 2000


def _timed(client: Client, url: str, times: int, check: Any) -> list[float]:
    samples = []
    for _ in range(times):
        started = time.perf_counter()
        response = client.get(url)
        samples.append(1000 * (time.perf_counter() - started))
        check(response)
    return samples


def _figures(
    org: Organisation, randomly: random.Random, count: int = INDICATORS
) -> tuple[list[Period], list[Indicator]]:
    """Eight years of figures for 40 indicators, two breakdowns of ten categories each."""
    periods = Period.objects.bulk_create(
        Period(
            organisation=org,
            label=f"{2018 + n}",
            starts_on=datetime.date(2018 + n, 1, 1),
            ends_on=datetime.date(2018 + n, 12, 31),
        )
        for n in range(PERIODS)
    )
    indicators = Indicator.objects.bulk_create(
        Indicator(organisation=org, name=f"Indicator {n}", unit="people") for n in range(count)
    )
    Observation.objects.bulk_create(
        (
            Observation(
                organisation=org,
                indicator=indicator,
                period=period,
                dimension=dimension,
                category=f"Category {c}" if c else "Not recorded",
                value=Decimal(randomly.randint(0, 5000)),
            )
            for indicator in indicators
            for period in periods
            for dimension in BREAKDOWNS
            for c in range(CATEGORIES)
        ),
        batch_size=2000,
    )
    return periods, indicators


def _survey(org: Organisation, responses: int, randomly: random.Random) -> Survey:
    """A survey of eight agree-or-disagree questions, every one answered."""
    survey = Survey.objects.create(organisation=org, title="Bench survey", sent_count=responses * 3)
    questions = Question.objects.bulk_create(
        Question(survey=survey, position=n, kind="agree", text=f"Question {n}") for n in range(8)
    )
    made = SurveyResponse.objects.bulk_create(
        (
            SurveyResponse(organisation=org, survey=survey, is_complete=True)
            for _ in range(responses)
        ),
        batch_size=2000,
    )
    scale = ["strongly_disagree", "disagree", "neither", "agree", "strongly_agree"]
    SurveyAnswer.objects.bulk_create(
        (
            SurveyAnswer(organisation=org, response=r, question=q, choice=randomly.choice(scale))
            for r in made
            for q in questions
        ),
        batch_size=5000,
    )
    return survey


def _outcomes(org: Organisation, randomly: random.Random, count: int = OUTCOMES) -> None:
    items = list(FrameworkItem.objects.filter(framework__kind="outcomes")[:10])
    OutcomeRecord.objects.bulk_create(
        (
            OutcomeRecord(
                organisation=org,
                item=items[n % len(items)],
                baseline=randomly.randint(1, 10),
                follow_up=randomly.randint(1, 10),
                self_reported="better",
            )
            for n in range(count)
        ),
        batch_size=2000,
    )


def _coding(
    org: Organisation, passages: int, coders: list[User], randomly: random.Random
) -> Document:
    """One long transcript, every passage reviewed and coded twice by each coder."""
    codes = Code.objects.bulk_create(
        Code(organisation=org, name=f"Theme {n}") for n in range(CODES)
    )
    document = Document.objects.create(
        organisation=org, title="Transcripts", kind="transcript", text=""
    )
    excerpts = Excerpt.objects.bulk_create(
        (
            Excerpt(
                organisation=org,
                document=document,
                position=n,
                text=f"Speaker: passage {n} about trust, language and waiting times.",
                agreed_to_quote=n % 2 == 0,
            )
            for n in range(passages)
        ),
        batch_size=2000,
    )
    Review.objects.bulk_create(
        (Review(organisation=org, excerpt=e, coder=c) for e in excerpts for c in coders),
        batch_size=5000,
    )
    Coding.objects.bulk_create(
        (
            Coding(organisation=org, excerpt=e, code=code, coder=c)
            for e in excerpts
            for c in coders
            for code in randomly.sample(codes, 2)
        ),
        batch_size=5000,
    )
    return document


@dataclass
class Evidence:
    """The large organisation's evidence, with the records its pages are opened by."""

    organisation: Organisation
    coders: list[User]
    periods: list[Period]
    indicators: list[Indicator]
    survey: Survey
    document: Document

    def pages(self, passages: int) -> list[tuple[str, str, int]]:
        """(label, address, times alone) for each of its evidence pages."""
        base = f"/orgs/{self.organisation.slug}/evidence"
        first, second = self.periods[-2], self.periods[-1]
        compare = f"?breakdown=ethnicity&a={first.pk}&b={second.pk}"
        who = f"?first={self.coders[0].pk}&second={self.coders[1].pk}"
        return [
            (
                "comparison page (two periods, 10 categories)",
                f"{base}/indicators/{self.indicators[0].pk}/compare/{compare}",
                20,
            ),
            (
                "coding page (20 passages of a large document)",
                f"{base}/documents/{self.document.pk}/?page=7",
                20,
            ),
            (f"agreement between two coders ({passages} passages)", f"{base}/agreement/{who}", 5),
            (f"survey results ({passages} responses)", f"{base}/surveys/{self.survey.pk}/", 10),
            ("themes and quotes", f"{base}/themes/", 5),
            (
                f"evidence pack ({len(self.indicators)} indicators)",
                f"/orgs/{self.organisation.slug}/evidence-pack/",
                5,
            ),
        ]


SLUG = "bench-evidence"


def fill_evidence(
    passages: int, progress: Any = None, indicators: int = INDICATORS, analyze: bool = True
) -> Evidence:
    """One organisation with `passages` coded passages (two coders each), as many survey
    responses, 40 indicators' figures and up to 2,000 outcomes, in one transaction."""
    randomly = random.Random(11)  # noqa: S311  (a repeatable sample, not a secret)
    with transaction.atomic():
        org = Organisation.objects.create(name="Bench evidence", slug=SLUG, kind="network")
        coders = [
            user_create(
                email=f"coder{n}@bench.example", password="a long bench password 1", name=""
            )
            for n in range(2)
        ]
        for coder in coders:
            Membership.objects.create(user=coder, organisation=org, role=Role.MEMBER)
        periods, made = _figures(org, randomly, indicators)
        survey = _survey(org, passages, randomly)
        _outcomes(org, randomly, min(OUTCOMES, passages))
        if progress:
            progress("evidence: passages and coding", 1, 3)
        document = _coding(org, passages, coders, randomly)
    if analyze:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return Evidence(org, coders, periods, made, survey, document)


def evidence_here() -> Evidence | None:
    """The large organisation, if this database has one (the page bench adds it)."""
    org = Organisation.objects.filter(slug=SLUG).first()
    if org is None:
        return None
    coders = list(User.objects.filter(email__in=[f"coder{n}@bench.example" for n in range(2)]))
    return Evidence(
        org,
        sorted(coders, key=lambda user: user.email),
        list(Period.objects.filter(organisation=org).order_by("starts_on")),
        list(Indicator.objects.filter(organisation=org).order_by("pk")),
        Survey.objects.filter(organisation=org).order_by("pk").first(),  # type: ignore[arg-type]
        Document.objects.filter(organisation=org).order_by("pk").first(),  # type: ignore[arg-type]
    )


def measure_evidence(passages: int, progress: Any, percentiles: Any, check: Any) -> dict[str, Any]:
    """Fill one organisation with evidence at `passages` coded passages (two coders each),
    as many survey responses, and 40 indicators' figures; time its evidence pages."""
    steps = 3
    progress("evidence: figures", 0, steps)
    started = time.perf_counter()
    evidence = fill_evidence(passages, progress)
    coders = evidence.coders
    results: dict[str, Any] = {
        f"evidence: {passages} passages, responses and figures stored, seconds": round(
            time.perf_counter() - started, 1
        )
    }
    progress("evidence: pages", 2, steps)
    host = next((h for h in settings.ALLOWED_HOSTS if h not in {"*", ""}), "localhost")
    client = Client(HTTP_HOST=host.lstrip("."))
    client.force_login(coders[0])
    pages = evidence.pages(passages)
    for label, url, times in pages:
        results[label] = percentiles(_timed(client, url, times, check))
    progress("evidence: done", steps, steps)
    return results
