import pytest
from django.test import Client

from coproduce.assessments.models import Answer
from coproduce.core.services import api_token_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(cast):
    return Client(HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=cast.coordinator).token}")


def test_full_round_through_the_api(api, six, statements):
    created = api.post(
        "/api/v1/orgs/acme/assessments",
        {"statement_set_id": six.pk, "subject": "Forum"},
        content_type="application/json",
    )
    assert created.status_code == 201
    aid = created.json()["id"]
    invited = api.post(
        f"/api/v1/orgs/acme/assessments/{aid}/respondents",
        {"group": "staff"},
        content_type="application/json",
    )
    assert invited.status_code == 201
    assert "/answer/" in invited.json()["link"]
    rid = invited.json()["id"]
    answers = [
        {"statement_id": statements[0].pk, "score": 3},
        {"statement_id": statements[1].pk, "dont_know": True, "evidence": "Not sure"},
    ]
    put = api.put(
        f"/api/v1/orgs/acme/assessments/{aid}/respondents/{rid}/answers",
        {"answers": answers},
        content_type="application/json",
    )
    assert put.status_code == 200
    assert (
        api.post(f"/api/v1/orgs/acme/assessments/{aid}/respondents/{rid}/submit").status_code == 200
    )
    results = api.get(f"/api/v1/orgs/acme/assessments/{aid}/results").json()
    first = results["items"][0]
    assert first["overall"] == {
        "group": "everyone",
        "mean": 3.0,
        "spread": 0.0,
        "count": 1,
        "dont_know": 1,
    }
    # Sent answers cannot be changed: a conflict with the record as it is now.
    again = api.put(
        f"/api/v1/orgs/acme/assessments/{aid}/respondents/{rid}/answers",
        {"answers": answers},
        content_type="application/json",
    )
    assert again.status_code == 409
    assert again.json()["errors"][0]["field"] == "respondent"


def test_bad_answers_name_the_field_and_save_nothing(api, assessment, invite, statements):
    rid = invite().respondent.pk
    url = f"/api/v1/orgs/acme/assessments/{assessment.pk}/respondents/{rid}/answers"
    off_scale = api.put(
        url,
        {
            "answers": [
                {"statement_id": statements[0].pk, "score": 3},
                {"statement_id": statements[1].pk, "score": 7},
            ]
        },
        content_type="application/json",
    )
    assert off_scale.status_code == 409
    assert off_scale.json()["errors"][0]["field"] == "answers.1.score"
    both = api.put(
        url,
        {"answers": [{"statement_id": statements[0].pk, "score": 2, "dont_know": True}]},
        content_type="application/json",
    )
    assert both.status_code == 422
    assert {e["field"] for e in both.json()["errors"]} >= {"answers.0.dont_know"}
    boolean = api.put(
        url,
        {"answers": [{"statement_id": statements[0].pk, "score": False}]},
        content_type="application/json",
    )
    assert boolean.status_code == 422
    assert not Answer.objects.exists()


def test_other_organisation_cannot_reach_assessments(cast, assessment):
    outsider = Client(HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=cast.outsider).token}")
    for url in (
        f"/api/v1/orgs/acme/assessments/{assessment.pk}",
        f"/api/v1/orgs/acme/assessments/{assessment.pk}/results",
        f"/api/v1/orgs/other/assessments/{assessment.pk}/results",
        "/api/v1/orgs/acme/assessments",
    ):
        assert outsider.get(url).status_code == 404, url
