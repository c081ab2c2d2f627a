import datetime

import pytest
from django.test import Client

from coproduce.core.services import api_token_create
from coproduce.evidence import services
from coproduce.evidence.models import Observation
from coproduce.initiatives.services import initiative_create

pytestmark = pytest.mark.django_db
BASE = "/api/v1/orgs/acme/evidence"


def _client(user):
    token = api_token_create(user=user).token
    return Client(headers={"Authorization": f"Bearer {token}"})


@pytest.fixture
def api(cast):
    return _client(cast.coordinator)


def _fields(response):
    return [e["field"] for e in response.json()["errors"]]


def test_define_an_indicator_and_set_its_figures(api, cast, periods):
    response = api.post(
        f"{BASE}/indicators",
        {"name": "Referrals", "unit": "referrals", "baseline": "5463"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    indicator_id = response.json()["id"]
    assert response.json()["baseline"] == "5463"
    again = api.post(
        f"{BASE}/indicators", {"name": "referrals", "unit": "x"}, content_type="application/json"
    )
    assert again.status_code == 409
    assert _fields(again) == ["name"]
    for period, gp in zip(periods, ["4541", "862"], strict=True):
        response = api.put(
            f"{BASE}/indicators/{indicator_id}/figures",
            {
                "period_id": period.pk,
                "breakdown": "source",
                "rows": [
                    {"category": "GP", "value": gp},
                    {"category": "Self", "value": "730", "share": "13.36"},
                ],
            },
            content_type="application/json",
        )
        assert response.status_code == 200
        assert response.json() == {"saved": 2}
    response = api.get(
        f"{BASE}/indicators/{indicator_id}/comparison",
        {"breakdown": "source", "first": periods[0].pk, "second": periods[1].pk},
    )
    body = response.json()
    assert body["rows"][0]["category"] == "GP"
    assert body["rows"][0]["fold_change"] == "0.19"
    assert body["first_total"] == "5271"
    # 730 is 13.85% of 5271 and 45.85% of 1592, never the 13.36% sent.
    assert [f["kind"] for f in body["flags"]] == ["share", "share"]
    assert len(api.get(f"{BASE}/indicators/{indicator_id}").json()["observations"]) == 4


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ({"category": "GP", "value": "lots"}, "rows.0.value"),
        ({"category": "GP", "value": "-3"}, "rows.0.value"),
        ({"category": "GP", "value": 12}, "rows.0.value"),
        ({"category": "GP", "value": "1", "share": "101"}, "rows.0.share"),
        ({"category": "GP", "value": "1", "colour": "red"}, "rows.0.colour"),
    ],
)
def test_bad_figures_are_refused_naming_the_field(api, indicator, periods, row, field):
    response = api.put(
        f"{BASE}/indicators/{indicator.pk}/figures",
        {"period_id": periods[0].pk, "rows": [row]},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert field in _fields(response)
    assert Observation.objects.count() == 0


def test_a_duplicate_row_names_the_second_one_and_saves_nothing(api, indicator, periods):
    response = api.put(
        f"{BASE}/indicators/{indicator.pk}/figures",
        {
            "period_id": periods[0].pk,
            "rows": [{"category": "GP", "value": "1"}, {"category": "gp", "value": "2"}],
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert _fields(response) == ["rows.1.category"]
    assert Observation.objects.count() == 0


def test_another_organisations_period_or_indicator_is_not_found(api, cast, indicator):
    theirs = services.period_create(
        organisation=cast.other_org,
        by=cast.outsider,
        label="2026",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
    )
    response = api.put(
        f"{BASE}/indicators/{indicator.pk}/figures",
        {"period_id": theirs.pk, "rows": []},
        content_type="application/json",
    )
    assert response.status_code == 404
    outsider = _client(cast.outsider)
    assert outsider.get(f"{BASE}/indicators").status_code == 404
    assert outsider.get(f"/api/v1/orgs/other/evidence/indicators/{indicator.pk}").status_code == 404


def test_periods_must_run_forwards(api):
    response = api.post(
        f"{BASE}/periods",
        {"label": "Backwards", "starts_on": "2026-05-01", "ends_on": "2026-04-01"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert _fields(response) == ["ends_on"]


def test_roles_in_the_api(cast, indicator):
    member, commissioner = _client(cast.member), _client(cast.commissioner)
    assert commissioner.get(f"{BASE}/indicators").status_code == 200
    assert commissioner.get(f"{BASE}/codes").status_code == 403
    response = member.post(
        f"{BASE}/indicators", {"name": "X", "unit": "x"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert _client(cast.reviewer).get(f"{BASE}/indicators").status_code == 403


def test_code_an_excerpt_and_measure_agreement(cast):
    trust = services.code_create(organisation=cast.org, by=cast.coordinator, name="Trust")
    document = services.document_add(
        organisation=cast.org, by=cast.coordinator, title="N", kind="notes", text="A.\n\nB."
    )
    first, second = document.excerpts.all()
    staff, partner = _client(cast.coordinator), _client(cast.member)
    for client, codes in ((staff, [[trust.pk], []]), (partner, [[trust.pk], [trust.pk]])):
        for excerpt, chosen in zip((first, second), codes, strict=True):
            response = client.put(
                f"{BASE}/excerpts/{excerpt.pk}/codes",
                {"codes": chosen},
                content_type="application/json",
            )
            assert response.status_code == 200
    bad = staff.put(
        f"{BASE}/excerpts/{first.pk}/codes", {"codes": ["x"]}, content_type="application/json"
    )
    assert bad.status_code == 422
    assert _fields(bad) == ["codes.0"]
    missing = staff.put(
        f"{BASE}/excerpts/{first.pk}/codes", {"codes": [999999]}, content_type="application/json"
    )
    assert missing.status_code == 404
    body = staff.get(
        f"{BASE}/agreement", {"first": cast.coordinator.pk, "second": cast.member.pk}
    ).json()
    assert body["excerpts"] == 2
    assert body["codes"][0]["both"] == 1
    assert body["codes"][0]["second_only"] == 1
    assert body["disagreements"] == [second.pk]
    assert staff.get(f"{BASE}/codes").json()[0]["excerpts"] == 2


def test_survey_figures(cast, api):
    survey = services.survey_create(
        organisation=cast.org,
        by=cast.coordinator,
        title="S",
        questions=[{"kind": "agree", "text": "Q"}, {"kind": "text", "text": "Why?"}],
    )
    services.survey_set(survey=survey, by=cast.coordinator, status="open", sent_count=4)
    agree, why = survey.questions.all()
    services.response_submit(survey=survey, answers={agree.pk: "agree", why.pk: "Kind staff"})
    services.response_submit(survey=survey, answers={agree.pk: "disagree"})
    body = api.get(f"{BASE}/surveys/{survey.pk}").json()
    assert (body["response_rate"], body["completion_rate"]) == ("50.00", "50.00")
    assert body["questions"][0]["agreement_share"] == "50.00"
    assert body["questions"][0]["counts"]["agree"] == 1


def test_value_for_money(cast, api):
    initiative = initiative_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={"title": "Website", "service_area": "adult_social_care"},
    )
    url = f"{BASE}/value/{initiative.pk}"
    response = api.post(
        f"{url}/costs",
        {"description": "Build", "amount_pence": 7_500_000},
        content_type="application/json",
    )
    assert response.status_code == 201
    response = api.post(
        f"{url}/benefits",
        {
            "description": "Fewer calls",
            "amount_pence_per_year": 30_000_000,
            "kind": "cashable",
            "confidence": "medium",
            "source": "First-year review",
        },
        content_type="application/json",
    )
    body = response.json()
    assert (body["return_per_pound"], body["payback_months"]) == ("4.00", "3.0")
    assert (body["return_per_pound_low"], body["return_per_pound_high"]) == ("3.00", "5.00")
    both = api.post(
        f"{url}/costs",
        {"description": "Both", "amount_pence": 5, "hours": "2", "hourly_rate_pence": 100},
        content_type="application/json",
    )
    assert both.status_code == 422
    assert _fields(both) == ["amount_pence"]
    weird = api.post(
        f"{url}/benefits",
        {
            "description": "X",
            "amount_pence_per_year": 0,
            "kind": "magic",
            "confidence": "medium",
            "source": "",
        },
        content_type="application/json",
    )
    assert weird.status_code == 422
    assert set(_fields(weird)) >= {"amount_pence_per_year", "kind", "source"}
