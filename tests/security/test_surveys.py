"""11 and 18: survey answers cannot be stuffed, and viewers see people's own words only when
the survey shares them."""

from typing import Any

import pytest
from django.test import Client

from coproduce.evidence import services
from coproduce.evidence.models import SurveyLink, SurveyResponse

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (Linux; Android 14) Mobile"


@pytest.fixture
def survey(cast: Any) -> Any:
    made = services.survey_create(
        organisation=cast.org,
        by=cast.coordinator,
        title="Listening survey",
        questions=[
            {"kind": "agree", "text": "I was listened to."},
            {"kind": "text", "text": "Anything else?"},
        ],
    )
    services.survey_set(survey=made, by=cast.coordinator, status="open")
    return made


def _answer(client: Client, address: str, survey: Any, words: str = "Fine") -> Any:
    agree, text = survey.questions.all()
    return client.post(address, {f"q{agree.pk}": "agree", f"q{text.pk}": words})


def test_a_person_s_own_link_takes_one_answer(cast: Any, client_for: Any, survey: Any) -> None:
    page = client_for(cast.coordinator).post(
        f"/orgs/acme/evidence/surveys/{survey.pk}/links/", {"people": [cast.coproducer.pk]}
    )
    assert page.status_code == 200
    [(person, link)] = page.context["made"]
    assert person == cast.coproducer
    survey.refresh_from_db()
    assert survey.sent_count == 1
    client = Client(HTTP_USER_AGENT=BROWSER)
    assert "Thank you" in _answer(client, link, survey).content.decode()
    again = _answer(client, link, survey, "Second go")
    assert "You have answered this survey already" in again.content.decode()
    assert SurveyResponse.objects.filter(survey=survey).count() == 1
    assert SurveyLink.objects.get().response is not None
    # The link shown once is not stored: only its hash.
    assert link.rsplit("/", 2)[-2] not in SurveyLink.objects.get().token_hash


def test_a_second_answer_through_an_own_link_is_refused_by_the_service(
    cast: Any, survey: Any
) -> None:
    from django.core.exceptions import ValidationError

    [(_person, token)] = services.survey_links_create(
        survey=survey, by=cast.coordinator, people=[cast.coproducer]
    )
    link = SurveyLink.objects.get()
    agree = survey.questions.first()
    services.response_submit(survey=survey, answers={agree.pk: "agree"}, link=link)
    with pytest.raises(ValidationError, match="already"):
        services.response_submit(survey=survey, answers={agree.pk: "agree"}, link=link)
    # Making links again for the same person keeps the one they have.
    assert (
        services.survey_links_create(survey=survey, by=cast.coordinator, people=[cast.coproducer])
        == []
    )


def test_the_open_link_takes_a_few_answers_from_one_device_then_says_wait(
    survey: Any,
) -> None:
    client = Client(HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="198.51.100.7")
    answers = [_answer(client, f"/survey/{survey.key}/", survey) for _ in range(30)]
    statuses = [a.status_code for a in answers]
    assert statuses[:5] == [200] * 5
    assert set(statuses[5:]) == {429}
    assert "several answers from this device" in answers[-1].content.decode()
    assert SurveyResponse.objects.filter(survey=survey).count() == 5
    # Someone else, on their own phone, still answers.
    other = Client(HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.50")
    assert _answer(other, f"/survey/{survey.key}/", survey).status_code == 200


def test_repeat_answers_from_one_device_are_flagged(
    cast: Any, client_for: Any, survey: Any
) -> None:
    same = Client(HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="198.51.100.7")
    for _ in range(3):
        _answer(same, f"/survey/{survey.key}/", survey)
    _answer(
        Client(HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.5"), f"/survey/{survey.key}/", survey
    )
    page = client_for(cast.coordinator).get(f"/orgs/acme/evidence/surveys/{survey.pk}/")
    assert page.context["results"]["possible_repeats"] == 3
    assert "3 answers came through the open link from a device" in page.content.decode()
    # The device is a keyed hash, not the address.
    assert not SurveyResponse.objects.filter(device__contains="198.51").exists()


def test_viewers_see_people_s_own_words_only_when_shared(
    cast: Any, client_for: Any, survey: Any
) -> None:
    _answer(Client(), f"/survey/{survey.key}/", survey, words="My neighbour Sam was ill")
    address = f"/orgs/acme/evidence/surveys/{survey.pk}/"
    assert "My neighbour Sam" in client_for(cast.coordinator).get(address).content.decode()
    hidden = client_for(cast.commissioner).get(address).content.decode()
    assert "My neighbour Sam" not in hidden
    assert "own words are not shared here" in hidden
    client_for(cast.coordinator).post(
        address, {"status": "open", "sent_count": "10", "share_words": "on"}
    )
    assert "My neighbour Sam" in client_for(cast.commissioner).get(address).content.decode()


def test_the_evidence_pack_leaves_out_words_not_shared(cast: Any, survey: Any) -> None:
    import datetime

    from coproduce.reports.evidence_pack import evidence_pack

    _answer(Client(), f"/survey/{survey.key}/", survey, words="My neighbour Sam was ill")
    today = datetime.date.today()
    pack = evidence_pack(cast.org, since=today.replace(year=today.year - 1), until=today)
    [(_survey, results)] = pack.surveys
    assert all(q["comments"] == [] for q in results["questions"])
    survey.share_words = True
    survey.save()
    pack = evidence_pack(cast.org, since=today.replace(year=today.year - 1), until=today)
    [(_survey, results)] = pack.surveys
    assert ["My neighbour Sam was ill"] in [q["comments"] for q in results["questions"]]


def test_an_own_link_stays_out_of_the_access_log() -> None:
    from coproduce.web.accesslog import redact

    assert redact("GET /your-survey/SECRET123/ HTTP/1.1") == "GET /your-survey/…/ HTTP/1.1"
