"""The evidence pages keep what they work out until the organisation's evidence changes
(`evidence.versions`). Each test reads a page, changes the evidence the way people do,
and reads the page again: a kept page that hid the change would fail."""

import datetime

import pytest

from coproduce.evidence import queries, services
from coproduce.people.models import ConsentPurpose
from coproduce.people.services import consent_record
from coproduce.privacy.services import person_erase

pytestmark = pytest.mark.django_db

BASE = "/orgs/acme/evidence"


@pytest.fixture
def coordinator(cast, client_for):
    return client_for(cast.coordinator)


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_agreement_follows_a_coder_changing_their_mind(cast, coded, coordinator):
    _document, excerpts, codes = coded
    url = f"{BASE}/agreement/?first={cast.coordinator.pk}&second={cast.member.pk}"
    assert "Average kappa across themes: 0.50." in _page(coordinator, url)
    # The co-producer now agrees with staff on the second and third passages.
    services.excerpt_code(excerpt=excerpts[1], coder=cast.member, codes=[codes["Language"]])
    services.excerpt_code(excerpt=excerpts[2], coder=cast.member, codes=[codes["Respect"]])
    html = _page(coordinator, url)
    assert "Average kappa across themes: 1.00." in html
    assert "None: you agree on every passage you both coded." in html
    assert queries.agreement(cast.org, cast.coordinator, cast.member)["disagreements"] == []


def test_themes_follow_new_passages_and_codes(cast, coded, coordinator):
    _document, _excerpts, codes = coded
    assert "I trust them now." in _page(coordinator, f"{BASE}/themes/")
    document = services.document_add(
        organisation=cast.org,
        by=cast.coordinator,
        title="Survey comments",
        kind="notes",
        text="The bus timetable changed and nobody told us.",
    )
    services.excerpt_code(
        excerpt=document.excerpts.get(), coder=cast.coordinator, codes=[codes["Language"]]
    )
    assert "The bus timetable changed and nobody told us." in _page(coordinator, f"{BASE}/themes/")
    counts = {row["code"].name: row["excerpts"] for row in queries.theme_counts(cast.org)}
    assert counts["Language"] == 2


def test_a_quote_leaves_the_themes_when_its_speaker_is_erased(cast, coded, coordinator):
    _document, excerpts, _codes = coded
    services.excerpt_set_speaker(
        excerpt=excerpts[0],
        by=cast.coordinator,
        speaker_group="co_producer",
        person=cast.coproducer,
    )
    consent_record(
        person=cast.coproducer,
        purpose=ConsentPurpose.QUOTES,
        given_on=datetime.date(2026, 11, 1),
        by=cast.coordinator,
    )
    assert [e.pk for t in queries.quotes_by_theme(cast.org) for e in t["excerpts"]] == [
        excerpts[0].pk
    ]
    person_erase(person=cast.coproducer, by=cast.admin)
    assert queries.quotes_by_theme(cast.org) == []


def _survey(cast):
    survey = services.survey_create(
        organisation=cast.org,
        by=cast.coordinator,
        title="Community survey",
        questions=[{"kind": "agree", "text": "Services listen to me."}],
    )
    services.survey_set(survey=survey, by=cast.coordinator, status="open", sent_count=10)
    return survey


def _row(html, heading):
    """The figure beside a row heading of the results table."""
    after = html.split(f">{heading}</th>", 1)[1]
    return after.split(">", 1)[1].split("<", 1)[0]


def test_survey_results_follow_answers_links_and_settings(cast, coordinator):
    survey = _survey(cast)
    question = survey.questions.get()
    url = f"{BASE}/surveys/{survey.pk}/"
    assert _row(_page(coordinator, url), "Responses") == "0"
    services.response_submit(survey=survey, answers={question.pk: "agree"})
    services.response_submit(survey=survey, answers={question.pk: "disagree"})
    html = _page(coordinator, url)
    assert _row(html, "Responses") == "2"
    assert _row(html, "Given to") == "10"
    services.survey_links_create(survey=survey, by=cast.coordinator, people=[cast.coproducer])
    assert _row(_page(coordinator, url), "Given to") == "11"
    services.survey_set(survey=survey, by=cast.coordinator, sent_count=40)
    assert _row(_page(coordinator, url), "Given to") == "40"


def test_survey_results_count_answers_from_one_device_more_than_once(cast):
    survey = _survey(cast)
    question = survey.questions.get()
    for device in ("tablet", "tablet", "phone", ""):
        services.response_submit(survey=survey, answers={question.pk: "agree"}, device=device)
    assert queries.survey_results(survey)["possible_repeats"] == 2


def test_the_pack_follows_new_figures_and_a_deleted_survey(cast, indicator, periods, coordinator):
    url = f"/orgs/acme/evidence-pack/?since=2009-01-01&until={datetime.date.today()}"
    survey = _survey(cast)
    html = _page(coordinator, url)
    assert "Referrals" not in html  # no figures yet
    assert "Who answered: Community survey" in html
    report = services.observations_import(
        indicator=indicator, by=cast.coordinator, data=b"period,value\n2009-10,4541\n"
    )
    assert report.errors == []
    survey.delete()
    html = _page(coordinator, url)
    assert "Referrals" in html
    assert "4,541" in html
    assert "Who answered: Community survey" not in html


def test_the_pack_shows_each_language_its_own_words(cast, indicator, periods, coordinator):
    url = "/orgs/acme/evidence-pack/?since=2009-01-01&until=2012-01-01"
    services.observations_import(
        indicator=indicator, by=cast.coordinator, data=b"period,value\n2009-10,4541\n"
    )
    english = _page(coordinator, url)  # kept in English first
    welsh = coordinator.get(url, headers={"accept-language": "cy"}).content.decode()
    assert 'lang="cy"' in welsh
    assert "Outcomes" in english
    assert "Outcomes" not in welsh


def test_the_pack_kept_for_staff_is_not_shown_to_a_commissioner(cast, client_for, coordinator):
    """Staff read shares to two places; commissioners read plain counts. The kept HTML
    of one must never be served to the other."""
    survey = _survey(cast)
    question = survey.questions.get()
    services.response_submit(survey=survey, answers={question.pk: "agree"})
    url = f"/orgs/acme/evidence-pack/?since=2009-01-01&until={datetime.date.today()}"
    assert "10.00%" in _page(coordinator, url)  # 1 response of 10 given
    commissioner = client_for(cast.commissioner)
    assert "10.00%" not in _page(commissioner, url)
    assert "10.00%" in _page(coordinator, url)
