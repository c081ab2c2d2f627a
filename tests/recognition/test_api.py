"""The ledger API: idempotency keys, clear 4xx answers, and nothing posted on bad input."""

from typing import Any

import pytest
from django.test import Client

from coproduce.core.services import api_token_create
from coproduce.ledger import queries as ledger_queries
from coproduce.ledger import services as ledger_services
from coproduce.ledger.models import AccountKind, Posting, Transaction, Unit
from coproduce.recognition import services

pytestmark = pytest.mark.django_db
URL = "/api/v1/orgs/acme/ledger/transactions"


@pytest.fixture
def ledger(cast: Any) -> dict[str, Any]:
    issued = ledger_services.organisation_account(cast.org, AccountKind.ISSUED, Unit.CREDITS)
    noor = ledger_services.person_account(cast.coproducer, Unit.CREDITS)
    mo = ledger_services.person_account(cast.member_person, Unit.CREDITS)
    services.post(
        organisation=cast.org, by=None, key="seed", kind="award", legs=[(issued, -5), (noor, 5)]
    )
    pool = services.partner_create(organisation=cast.org, by=cast.admin, name="Pool")
    return {
        "issued": issued,
        "noor": noor,
        "mo": mo,
        "pool": ledger_services.partner_account(pool),
        "elsewhere": ledger_services.person_account(cast.other_person, Unit.CREDITS),
        "money": ledger_services.person_account(cast.coproducer, Unit.PENCE),
    }


def _api(user: Any) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=user).token}")


def _send(api: Client, body: dict[str, Any], key: str | None = "key-1") -> Any:
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key is not None else {}
    return api.post(URL, body, content_type="application/json", **headers)


def test_a_gift_is_written_once_and_replayed_for_the_same_key(
    cast: Any, ledger: dict[str, Any]
) -> None:
    api = _api(cast.coordinator)
    body = {
        "kind": "gift",
        "from_account": ledger["noor"].pk,
        "to_account": ledger["mo"].pk,
        "amount": 2,
    }
    first = _send(api, body)
    assert first.status_code == 201
    again = _send(api, body)
    assert again.status_code == 200
    assert again["Idempotent-Replayed"] == "true"
    assert again.json()["id"] == first.json()["id"]
    different = _send(api, {**body, "amount": 3})
    assert different.status_code == 409
    assert different.json()["errors"][0]["field"] == "idempotency_key"
    assert ledger_queries.balance(ledger["mo"]) == 2


@pytest.mark.parametrize(
    ("change", "field", "status"),
    [
        ({"amount": 0}, "amount", 422),
        ({"amount": -4}, "amount", 422),
        ({"amount": "2"}, "amount", 422),
        ({"to_account": 987654}, "to_account", 422),
        ({"to_account": "elsewhere"}, "to_account", 422),
        ({"from_account": "issued"}, "from_account", 422),
        ({"to_account": "money"}, "to_account", 422),
        ({"amount": 6}, "amount", 409),
        ({"surprise": 1}, "surprise", 422),
    ],
)
def test_bad_input_is_a_clear_4xx_naming_the_field_and_posts_nothing(
    cast: Any, ledger: dict[str, Any], change: dict[str, Any], field: str, status: int
) -> None:
    body = {
        "kind": "gift",
        "from_account": ledger["noor"].pk,
        "to_account": ledger["mo"].pk,
        "amount": 2,
    }
    for name, value in change.items():
        body[name] = ledger[value].pk if isinstance(value, str) and value in ledger else value
    before = Posting.objects.count()
    response = _send(_api(cast.coordinator), body)
    assert response.status_code == status, response.json()
    assert field in [error["field"] for error in response.json()["errors"]]
    assert Posting.objects.count() == before


def test_the_idempotency_key_is_required_and_checked(cast: Any, ledger: dict[str, Any]) -> None:
    body = {
        "kind": "gift",
        "from_account": ledger["noor"].pk,
        "to_account": ledger["mo"].pk,
        "amount": 1,
    }
    api = _api(cast.coordinator)
    for key in (None, "", "x" * 101, "has space"):
        response = _send(api, body, key=key)
        assert response.status_code == 422
        assert "Idempotency-Key" in response.json()["detail"]
    assert Transaction.objects.count() == 1


def test_a_reversal_through_the_api(cast: Any, ledger: dict[str, Any]) -> None:
    api = _api(cast.coordinator)
    spend = _send(
        api,
        {
            "kind": "spend",
            "from_account": ledger["noor"].pk,
            "to_account": ledger["pool"].pk,
            "amount": 3,
        },
    )
    assert spend.status_code == 201
    pk = spend.json()["id"]
    reverse = api.post(
        f"{URL}/{pk}/reverse",
        {"reason": "Pool was shut"},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="r-1",
    )
    assert reverse.status_code == 201
    assert reverse.json()["reverses_id"] == pk
    twice = api.post(
        f"{URL}/{pk}/reverse",
        {"reason": "Again"},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="r-2",
    )
    assert twice.status_code == 409
    assert ledger_queries.balance(ledger["noor"]) == 5


def test_accounts_show_balances_and_stay_inside_the_organisation(
    cast: Any, ledger: dict[str, Any]
) -> None:
    accounts = _api(cast.coordinator).get("/api/v1/orgs/acme/ledger/accounts").json()
    assert {a["id"]: a["balance"] for a in accounts}[ledger["noor"].pk] == 5
    assert ledger["elsewhere"].pk not in [a["id"] for a in accounts]
    assert _api(cast.outsider).get("/api/v1/orgs/acme/ledger/accounts").status_code == 404
    assert _api(cast.member).get("/api/v1/orgs/acme/ledger/accounts").status_code == 403
    assert _api(cast.commissioner).get("/api/v1/orgs/acme/ledger/transactions").status_code == 403
    other = _api(cast.coordinator).get(
        f"/api/v1/orgs/acme/ledger/accounts/{ledger['elsewhere'].pk}"
    )
    assert other.status_code == 404


def test_ledger_writes_refuse_a_missing_or_wrong_token(cast: Any, ledger: dict[str, Any]) -> None:
    body = {
        "kind": "gift",
        "from_account": ledger["noor"].pk,
        "to_account": ledger["mo"].pk,
        "amount": 1,
    }
    for client in (Client(), Client(HTTP_AUTHORIZATION="Bearer not-a-token")):
        assert _send(client, body).status_code == 401
        response = client.post(
            f"{URL}/1/reverse",
            {"reason": "x"},
            content_type="application/json",
            HTTP_IDEMPOTENCY_KEY="k",
        )
        assert response.status_code == 401
    assert Transaction.objects.count() == 1


def test_transactions_come_a_page_at_a_time_newest_first(cast, ledger):
    for n in range(3):
        services.post(
            organisation=cast.org,
            by=None,
            key=f"page-{n}",
            kind="award",
            legs=[(ledger["issued"], -1), (ledger["mo"], 1)],
        )
    api = _api(cast.coordinator)
    first = api.get(URL, {"page_size": 2}).json()
    assert (first["count"], first["page"], first["page_size"]) == (4, 1, 2)
    assert [t["idempotency_key"] for t in first["results"]] == ["page-2", "page-1"]
    last = api.get(URL, {"page_size": 2, "page": 2}).json()
    assert [t["idempotency_key"] for t in last["results"]] == ["page-0", "seed"]
    too_big = api.get(URL, {"page_size": 1000})
    assert too_big.status_code == 422
    assert too_big.json()["errors"][0]["field"] == "page_size"
