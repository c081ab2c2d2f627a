"""Every channel people speak through reaches "you said, we did" (issue 21, part 2): a
survey answer in their own words, a coded passage and a shared story each become an
item once, raised by a group, with the link back; words not agreed for quoting are
not copied."""

from typing import Any

import pytest

from coproduce.evidence.coding import services as coding
from coproduce.evidence.surveys import services as surveys
from coproduce.influence.models import InfluenceItem
from coproduce.library.models import CaseStudy
from tests.factories import published_story

pytestmark = pytest.mark.django_db


def an_answer(cast: Any) -> Any:
    survey = surveys.survey_create(
        organisation=cast.org,
        by=cast.coordinator,
        title="Day centre survey",
        questions=[{"kind": "text", "text": "What would you change?"}],
    )
    surveys.survey_set(survey=survey, by=cast.coordinator, status="open", sent_count=10)
    (question,) = survey.questions.all()
    response = surveys.response_submit(
        survey=survey, answers={question.pk: "The bus stops too far from the centre."}
    )
    return survey, response.answers.get()


def test_a_survey_answer_becomes_one_item_linked_back(cast: Any, client_for: Any) -> None:
    survey, answer = an_answer(cast)
    coordinator = client_for(cast.coordinator)
    page = coordinator.get(f"/orgs/acme/evidence/surveys/{survey.pk}/").content.decode()
    url = f"/orgs/acme/said/answer/{answer.pk}/item/"
    assert f'href="{url}"' in page
    assert f'id="answer-{answer.pk}"' in page

    form = coordinator.get(url)
    assert form.status_code == 200
    assert "The bus stops too far from the centre." in form.content.decode()
    assert coordinator.post(url, {"title": "", "addressed_to": "Acme"}).status_code == 400
    response = coordinator.post(url, {"title": "Bus stop too far", "addressed_to": "Transport"})
    item = InfluenceItem.objects.get(organisation=cast.org)
    assert response.status_code == 302
    assert response.url == item.get_absolute_url()
    assert item.description == "The bus stops too far from the centre."
    assert item.raised_by_group == "Someone who answered “Day centre survey”"
    assert not item.raised_by_people.exists()
    assert item.came_from == "An answer to the survey “Day centre survey”"
    assert item.came_from_url == f"/orgs/acme/evidence/surveys/{survey.pk}/#answer-{answer.pk}"
    detail = coordinator.get(item.get_absolute_url()).content.decode()
    assert f'href="{item.came_from_url}"' in detail

    # Once only: the form now goes to the item, and a second post makes nothing.
    again = coordinator.get(url)
    assert again.status_code == 302
    assert again.url == item.get_absolute_url()
    coordinator.post(url, {"title": "Again", "addressed_to": "Transport"})
    assert InfluenceItem.objects.filter(organisation=cast.org).count() == 1


def test_a_coded_passage_keeps_unagreed_words_out_of_the_item(cast: Any, client_for: Any) -> None:
    document = coding.document_add(
        organisation=cast.org,
        by=cast.coordinator,
        title="Carers' group",
        kind="transcript",
        text="Nobody told us when the respite beds closed.\n\nThe tea was good.",
    )
    first, second = document.excerpts.order_by("position")
    coordinator = client_for(cast.coordinator)
    page = coordinator.get(f"/orgs/acme/evidence/documents/{document.pk}/").content.decode()
    assert f"/orgs/acme/said/passage/{first.pk}/item/" in page

    url = f"/orgs/acme/said/passage/{first.pk}/item/"
    assert "not agreed for quoting" in coordinator.get(url).content.decode()
    coordinator.post(url, {"title": "Tell carers about closures", "addressed_to": "Acme"})
    item = InfluenceItem.objects.get(organisation=cast.org)
    assert item.description == ""
    assert item.came_from == "A passage in “Carers' group”"
    assert item.raised_by_group == "Someone in “Carers' group”"
    assert item.came_from_url.endswith(f"?page=1#excerpt-{first.pk}")

    # Agreed for quoting: the words come with it, and who said it names the group only.
    coding.excerpt_set_speaker(
        excerpt=second, by=cast.coordinator, speaker_group="family", agreed_to_quote=True
    )
    coordinator.post(
        f"/orgs/acme/said/passage/{second.pk}/item/",
        {"title": "Keep the tea", "addressed_to": "Acme"},
    )
    kept = InfluenceItem.objects.get(title="Keep the tea")
    assert kept.description == "The tea was good."
    assert kept.raised_by_group == "Family member or carer"


def test_a_story_of_the_organisation_becomes_an_item(cast: Any, client_for: Any) -> None:
    story = published_story(cast.coordinator, title="Ward rounds with families")
    CaseStudy.objects.filter(pk=story.pk).update(organisation=cast.org)
    coordinator = client_for(cast.coordinator)
    edit = coordinator.get(f"/library/your-stories/{story.pk}/").content.decode()
    url = f"/orgs/acme/said/story/{story.pk}/item/"
    assert f'href="{url}"' in edit
    coordinator.post(url, {"title": "Families on ward rounds", "addressed_to": "The ward"})
    item = InfluenceItem.objects.get(organisation=cast.org)
    assert item.came_from == "The story “Ward rounds with families”"
    assert item.came_from_url == story.get_absolute_url()
    assert item.description == "More play."


def test_only_staff_of_the_organisation_raise_items_from_its_records(
    cast: Any, client_for: Any
) -> None:
    survey, answer = an_answer(cast)
    url = f"/orgs/acme/said/answer/{answer.pk}/item/"
    assert client_for(cast.member).get(url).status_code == 403
    assert client_for(cast.outsider).get(url).status_code == 404
    assert (
        client_for(cast.outsider).get(f"/orgs/other/said/answer/{answer.pk}/item/").status_code
        == 404
    )
    assert client_for(cast.coordinator).get("/orgs/acme/said/cake/1/item/").status_code == 404
    assert not InfluenceItem.objects.exists()
