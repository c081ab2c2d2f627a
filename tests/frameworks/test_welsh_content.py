"""Welsh beside the English of stored content (issue 19): the shared frameworks and their
statements, the scale, the A to Z, the toolkit and case studies."""

from typing import Any

from django.test import Client
from django.utils import translation

from coproduce.assessments.models import ScalePoint
from coproduce.frameworks.loader import read_packs, read_welsh
from coproduce.frameworks.models import Framework, Statement
from coproduce.library.models import CaseStudy
from coproduce.library.services import case_study_save
from coproduce.web.welsh import in_reader_language
from tests.factories import published_story


def _keys(items: list[dict[str, Any]]) -> set[str]:
    return {i["key"] for i in items} | {k for i in items for k in _keys(i.get("items", []))}


def test_every_welsh_pack_matches_its_english_pack() -> None:
    english = {pack["key"]: pack for pack in read_packs()}
    for key, welsh in read_welsh().items():
        pack = english[key]
        assert welsh["title"], key
        assert set(welsh["items"]) == _keys(pack["items"]), key
        for statement_set in pack.get("statement_sets", []):
            said = welsh["statement_sets"][statement_set["key"]]["statements"]
            assert len(said) == len(statement_set["statements"]), key
            assert all(s["text"] for s in said), key


def test_welsh_readers_see_the_welsh_and_everyone_else_the_english(db: Any) -> None:
    framework = Framework.objects.get(key="six-elements", is_current=True, organisation=None)
    statement = Statement.objects.filter(statement_set__framework=framework).first()
    leading = ScalePoint.objects.get(scale__organisation=None, value=4)
    with translation.override("cy"):
        assert in_reader_language(framework, "title") == "Chwe elfen cydgynhyrchu"
        assert in_reader_language(statement, "easy_read").startswith("Rydyn ni'n gofyn")
        assert in_reader_language(leading, "label") == "Arwain"
    with translation.override("en-gb"):
        assert in_reader_language(framework, "title") == "Six elements of co-production"
        assert in_reader_language(leading, "label") == "Leading"
    client = Client()
    client.post("/i18n/setlang/", {"language": "cy", "next": "/"})
    page = client.get(framework.get_absolute_url()).content.decode()
    assert "Adeiladu ar alluoedd pobl" in page
    assert "Rydyn ni&#x27;n defnyddio&#x27;r lleoedd" in page


def test_a_case_study_can_have_a_welsh_version(cast: Any, client_for: Any) -> None:
    client = client_for(cast.admin)
    story = published_story(
        cast.admin,
        welsh_title="Strydoedd chwarae",
        welsh_summary="Mae strydoedd yn cau fel bod plant yn gallu chwarae.",
        welsh_easy_read="",
    )
    assert story.welsh == {
        "title": "Strydoedd chwarae",
        "summary": "Mae strydoedd yn cau fel bod plant yn gallu chwarae.",
    }
    url = story.get_absolute_url()
    client.post("/i18n/setlang/", {"language": "cy", "next": "/"})
    welsh = client.get(url).content.decode()
    assert '<h1 class="govuk-heading-l">Strydoedd chwarae</h1>' in welsh
    # What has no Welsh stays English, and says so to a screen reader (WCAG 3.1.2).
    assert '<div class="govuk-body" lang="en-GB"><p>Busy roads.</p></div>' in welsh
    client.post("/i18n/setlang/", {"language": "en-gb", "next": "/"})
    assert '<h1 class="govuk-heading-l">Play streets</h1>' in client.get(url).content.decode()
    # Clearing the Welsh fields clears the Welsh version.
    case_study_save(
        by=cast.admin,
        case_study=CaseStudy.objects.get(pk=story.pk),
        details={"welsh_title": "", "welsh_summary": "", "welsh_easy_read": ""},
    )
    assert CaseStudy.objects.get(pk=story.pk).welsh == {}
