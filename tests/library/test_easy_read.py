"""Easy-read case-study summaries with a picture beside each point (issue 19)."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.test import Client

from coproduce.demo.library import CASES
from coproduce.people.models import AccessNeed
from coproduce.web.pictures import _HINTS, easy_points, names
from tests.factories import published_story


def test_every_picture_named_is_built_into_the_static_files() -> None:
    built = Path(settings.BASE_DIR) / "build" / "static" / "pictures"
    assert {hint for hint, _words in _HINTS} | {"point"} <= names()
    for name in names():
        assert (built / f"{name}.svg").read_text().startswith("<svg"), name
    assert "Attribution-ShareAlike 4.0" in (built / "LICENSE.txt").read_text()


def test_a_line_chooses_its_picture_or_its_words_do() -> None:
    points = easy_points(
        "[money] You get paid.\n\n- Children play outside.\n[nonsense] Everyone meets."
    )
    assert [(p.picture, p.words) for p in points] == [
        ("money", "You get paid."),
        ("child", "Children play outside."),
        ("people", "Everyone meets."),
    ]


def test_every_demo_case_study_has_an_easy_read_summary_with_chosen_pictures() -> None:
    for case in CASES:
        points = easy_points(case["easy_read"])
        assert 3 <= len(points) <= 6, case["title"]
        for point in points:
            assert len(point.words.split()) <= 15, point.words
        assert all(line.startswith("[") for line in case["easy_read"].splitlines())
        assert {point.picture for point in points} <= names()


def test_the_easy_read_summary_shows_for_those_who_ask_or_asked_in_their_record(
    cast: Any, client_for: Any
) -> None:
    story = published_story(
        cast.admin,
        summary="Streets close to cars so children can play.",
        easy_read="[travel] Some streets close to cars.\nChildren play outside safely.",
    )
    url = f"/library/case-studies/{story.slug}/"
    anonymous = Client()
    assert "Some streets close to cars." not in anonymous.get(url).content.decode()
    page = anonymous.get(url, {"easy-read": "yes"}).content.decode()
    assert '<img class="cp-picture" src="/static/pictures/travel.svg" alt=""' in page
    assert "<span>Some streets close to cars.</span>" in page
    assert 'src="/static/pictures/child.svg"' in page
    # Someone whose record says easy read gets it without asking, and can turn it off.
    AccessNeed.objects.create(person=cast.member_person, kind="easy_read")
    member = client_for(cast.member)
    assert "<span>Some streets close to cars.</span>" in member.get(url).content.decode()
    hidden = member.get(url, {"easy-read": "no"}).content.decode()
    assert "<span>Some streets close to cars.</span>" not in hidden
