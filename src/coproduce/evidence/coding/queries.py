"""Reads for coding: documents, the codebook, themes and quotes, and agreement between coders."""

from __future__ import annotations

from collections import Counter, defaultdict
from fractions import Fraction
from itertools import combinations
from typing import Any

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
)
from django.shortcuts import get_object_or_404

from coproduce.core.models import Organisation, User
from coproduce.evidence import figures
from coproduce.evidence.models import (
    Code,
    Coding,
    Document,
    Excerpt,
    Review,
)
from coproduce.evidence.suggest import LexicalSuggester, Suggestion, code_profiles
from coproduce.evidence.versions import kept_evidence
from coproduce.people.models import Consent, ConsentPurpose

SHOWN_DISAGREEMENTS = 100
# Passages on one page of the coding page.
EXCERPTS_PER_PAGE = 20


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
    return kept_evidence(
        organisation.pk,
        "theme_counts",
        (document.pk if document else "",),
        lambda: _theme_counts(organisation, document),
    )


def _theme_counts(organisation: Organisation, document: Document | None) -> list[dict]:
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
    return kept_evidence(organisation.pk, "co_occurrence", (), lambda: _pairs(organisation))


def _pairs(organisation: Organisation) -> list[dict[str, Any]]:
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
    return kept_evidence(
        organisation.pk,
        "quotes",
        (getattr(initiative, "pk", ""), quotable_only, limit),
        lambda: _quotes(organisation, initiative, quotable_only, limit),
    )


def _quotes(
    organisation: Organisation, initiative: Any, quotable_only: bool, limit: int
) -> list[dict[str, Any]]:
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
    return kept_evidence(
        organisation.pk,
        "agreement",
        (first.pk, second.pk),
        lambda: _agreement(organisation, first, second),
    )


def _agreement(organisation: Organisation, first: Any, second: Any) -> dict[str, Any]:
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
    # Read both coders' codings here and keep those on passages both reviewed in Python:
    # an IN list of 5,000 passage numbers took longer to build and run than the reading.
    for excerpt_id, code_id, coder_id in Coding.objects.filter(
        organisation=organisation, coder__in=[first, second]
    ).values_list("excerpt_id", "code_id", "coder_id"):
        if excerpt_id in reviewed:
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
    ordered = sorted(disagreements)
    shown = [disagreements[excerpt_id] for excerpt_id in ordered[:SHOWN_DISAGREEMENTS]]
    excerpts = Excerpt.objects.in_bulk(ordered[:SHOWN_DISAGREEMENTS])
    for entry in shown:
        entry["excerpt"] = excerpts[entry["excerpt_id"]]
    kappas = [r["result"].kappa for r in rows if r["result"].kappa is not None]
    return {
        "excerpts": len(reviewed),
        "rows": rows,
        "mean_kappa": figures.rounded(sum(kappas, Fraction(0)) / len(kappas)) if kappas else None,
        # Every passage they differ on, by number; the first few in full.
        "disagreements": ordered,
        "shown_disagreements": shown,
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
