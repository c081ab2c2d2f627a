"""The public library: anyone can read it, no sign-in needed."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control

from coproduce.library import queries
from coproduce.library.models import TagKind, ToolkitSection
from coproduce.library.search import MAX_QUERY_LENGTH

PUBLIC = cache_control(public=True, max_age=300)


@PUBLIC
def library_home(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:MAX_QUERY_LENGTH]
    selected = {
        kind: {slug[:60] for slug in request.GET.getlist(kind)[:10]}
        for kind in TagKind.values
        if request.GET.getlist(kind)
    }
    try:
        page = max(1, min(int(request.GET.get("page", "1")), 1000))
    except ValueError:
        page = 1
    results = queries.find(query, selected, page=page)
    return render(
        request,
        "library/home.html",
        {
            "results": results,
            "query": query,
            "page": page,
            "has_next": page * 20 < results.total,
            "too_long": len(request.GET.get("q", "")) > MAX_QUERY_LENGTH,
        },
    )


@PUBLIC
def case_study(request: HttpRequest, slug: str) -> HttpResponse:
    story = queries.case_study_by_slug(slug)
    return render(
        request,
        "library/case_study.html",
        {
            "story": story,
            "related": queries.related(story),
            "easy_read": request.GET.get("easy-read") == "yes",
        },
    )


@PUBLIC
def glossary(request: HttpRequest) -> HttpResponse:
    terms = list(queries.glossary())
    letters = sorted({term.letter for term in terms})
    return render(request, "library/glossary.html", {"terms": terms, "letters": letters})


@PUBLIC
def toolkit(request: HttpRequest) -> HttpResponse:
    pages = list(queries.toolkit())
    sections = [
        (value, label, [p for p in pages if p.section == value])
        for value, label in ToolkitSection.choices
    ]
    return render(request, "library/toolkit.html", {"sections": sections})
