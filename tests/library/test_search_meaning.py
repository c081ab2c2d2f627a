"""Search that finds what practitioners mean (issue 21, part 3): other names from the
A to Z, typos put right with "did you mean", and the spelling dictionary kept current
as stories change. Runs on SQLite in one run of `make test` and PostgreSQL in the other."""

from typing import Any

import pytest
from django.test import Client

from coproduce.demo import relevance
from coproduce.demo.library import load_demo_library
from coproduce.library import queries, spelling
from coproduce.library.models import CaseStatus, GlossaryTerm
from coproduce.library.search import search
from coproduce.library.services import case_study_move, case_study_save, glossary_term_save

pytestmark = pytest.mark.django_db

WANDSWORTH = relevance.STORIES["wandsworth"]


@pytest.fixture
def library(cast: Any) -> int:
    return load_demo_library(by=cast.admin)


def first(query: str) -> str:
    results = queries.find(query, {})
    return results.case_studies[0].title if results.case_studies else ""


@pytest.mark.parametrize(
    ("query", "story"),
    [
        ("IAPT", "wandsworth"),
        ("BAME", "wandsworth"),
        ("WY-FI", "wyfi"),
        ("timebank", "timebank"),
        ("elderly", "older"),
        ("direct payments", "budgets"),
        ("codesign website", "website"),
    ],
)
def test_other_names_from_the_a_to_z_find_the_story(library: int, query: str, story: str) -> None:
    assert not search(query, expand=False, correct=False).hits, "found without other names"
    assert first(query) == relevance.STORIES[story]


def test_the_page_says_which_other_names_it_looked_for(library: int) -> None:
    page = Client().get("/library/", {"q": "IAPT"}).content.decode()
    assert "We also looked for:" in page
    assert "talking therapies" in page
    assert WANDSWORTH in page


def test_a_name_added_to_the_a_to_z_is_used_at_once(cast: Any, library: int) -> None:
    assert not queries.find("kindness club", {}).case_studies
    term = GlossaryTerm.objects.get(term="Time bank")
    glossary_term_save(
        by=cast.admin, details={"also_called": [*term.also_called, "kindness club"]}, instance=term
    )
    assert first("kindness club") == relevance.STORIES["timebank"]


@pytest.mark.parametrize(
    ("typed", "meant", "story"),
    [
        ("carres cafe", "carers cafe", "cafe"),
        ("dischage lounge", "discharge lounge", "discharge"),
        ("Wandswroth", "wandsworth", "wandsworth"),
    ],
)
def test_a_typo_finds_the_story_and_says_did_you_mean(
    library: int, typed: str, meant: str, story: str
) -> None:
    results = queries.find(typed, {})
    assert results.corrected == meant
    assert results.case_studies[0].title == relevance.STORIES[story]
    page = Client().get("/library/", {"q": typed}).content.decode()
    assert f"Did you mean <strong>{meant}</strong>?" in page


def test_words_that_match_are_never_corrected(library: int) -> None:
    # "carer" is not a word the stories use ("carers" is), but it matches by its stem.
    results = queries.find("carer", {})
    assert results.case_studies
    assert results.corrected == ""


def test_nothing_near_means_nothing_found_and_no_suggestion(library: int) -> None:
    results = queries.find("xylophone", {})
    assert results.total == 0
    assert results.corrected == ""
    page = Client().get("/library/", {"q": "xylophone"}).content.decode()
    assert "Did you mean" not in page


def _publish(cast: Any, problem: str) -> Any:
    story = case_study_save(
        by=cast.admin,
        details={
            "title": "Spelling test",
            "summary": "A story",
            "problem": problem,
            "who_and_how": "Residents",
            "what_changed": "Things",
        },
    )
    case_study_move(case_study=story, by=cast.admin, to=CaseStatus.SUBMITTED)
    case_study_move(case_study=story, by=cast.admin, to=CaseStatus.PUBLISHED)
    return story


def test_the_spelling_dictionary_follows_publishing_editing_and_withdrawing(cast: Any) -> None:
    story = _publish(cast, "Allotment gardeners grow vegetables")
    assert spelling.known(["allotment", "vegetables"]) == {"allotment", "vegetables"}
    assert search("alotment").corrected == "allotment"

    story.problem = "Allotment gardeners grow flowers"
    story.save()
    from coproduce.library.search import index_case_study

    index_case_study(story)
    assert spelling.known(["vegetables", "flowers"]) == {"flowers"}

    case_study_move(case_study=story, by=cast.admin, to=CaseStatus.WITHDRAWN, reason="Old")
    assert spelling.known(["allotment", "flowers"]) == set()
    assert search("alotment").corrected == ""


def test_a_word_in_two_stories_stays_when_one_goes(cast: Any) -> None:
    one = _publish(cast, "Allotment one")
    _publish(cast, "Allotment two")
    one.delete()
    assert spelling.known(["allotment"]) == {"allotment"}


def test_other_names_are_edited_as_lines_and_checked(client_for: Any, cast: Any) -> None:
    GlossaryTerm.objects.create(term="Time bank", slug="time-bank", definition="Swapping help")
    client = client_for(cast.admin)
    too_many = "\n".join(f"name {n}" for n in range(21))
    response = client.post(
        "/library/glossary/time-bank/edit/",
        {"term": "Time bank", "definition": "Swapping help", "also_called": too_many},
    )
    assert response.status_code == 400
    assert "also_called" in response.content.decode()
    response = client.post(
        "/library/glossary/time-bank/edit/",
        {"term": "Time bank", "definition": "Swapping help", "also_called": "timebank\n\nTB\n"},
    )
    assert response.status_code == 302
    assert GlossaryTerm.objects.get(slug="time-bank").also_called == ["timebank", "TB"]
    page = client.get("/library/glossary/").content.decode()
    assert "Also called:" in page
    assert "timebank, TB" in page


def test_the_relevance_set_is_big_enough_and_better_with_other_names_and_spelling(
    library: int,
) -> None:
    assert len(relevance.QUERIES) >= 40
    typed, names, both = (relevance.measure(method) for method in relevance.METHODS)
    assert typed.ndcg_at_5 < names.ndcg_at_5 < both.ndcg_at_5
    assert both.hits_at_3 >= 0.9
