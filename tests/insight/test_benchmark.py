"""Comparing with similar organisations (issue 20): opt in, quartiles only for 5 or more
organisations, nobody named, and "better" the right way round."""

import datetime

from django.utils import timezone

from coproduce.core.models import AuditEvent, OrganisationKind
from coproduce.insight import benchmark
from coproduce.insight.services import benchmarking_set
from coproduce.sessions.services import session_create
from tests.factories import OrganisationFactory

URL = "/orgs/acme/compare/"
TODAY = timezone.localdate()


def _sessions(organisation, by, deep: int, shallow: int) -> None:
    for n, rung in enumerate(["co-production"] * deep + ["consultation"] * shallow):
        session_create(
            organisation=organisation,
            by=by,
            details={
                "title": f"Meeting {n}",
                "kind": "meeting",
                "starts_at": timezone.now() - datetime.timedelta(days=3),
                "rung": rung,
            },
        )


def _peers(cast, count: int, region: str = "wales") -> list:
    peers = []
    for n in range(count):
        peer = OrganisationFactory(
            name=f"Alike network {n}", slug=f"peer-{n}", kind=OrganisationKind.NETWORK
        )
        benchmarking_set(organisation=peer, by=cast.admin, region=region)
        _sessions(peer, cast.admin, deep=n, shallow=4 - n if n < 4 else 0)
        peers.append(peer)
    return peers


def test_quartiles_of_five_or_more_like_us_and_where_we_sit(cast, client_for):
    _peers(cast, 5)  # co-design or deeper: 0%, 25%, 50%, 75%, 100%
    benchmarking_set(organisation=cast.org, by=cast.admin, region="wales")
    _sessions(cast.org, cast.admin, deep=9, shallow=1)  # 90%
    found = benchmark.compare(cast.org, "kind", TODAY)
    deep = next(c for c in found["comparisons"] if c.measure == "deep")
    assert found["organisations"] == 6
    assert deep.ours == 90.0
    assert deep.quartiles == (31.2, 62.5, 86.2)
    assert deep.where == "In the top quarter"
    page = client_for(cast.commissioner).get(URL)
    assert page.status_code == 200
    text = page.content.decode()
    assert "62.5" in text
    assert "Alike network" not in text  # nobody is named
    # Too few to compare: nothing is shown for a figure fewer than 5 have.
    score = next(c for c in found["comparisons"] if c.measure == "score")
    assert score.quartiles is None


def test_fewer_than_five_show_nothing_and_the_region_narrows_the_group(cast):
    _peers(cast, 3, region="wales")
    _peers_elsewhere = [
        OrganisationFactory(slug=f"far-{n}", kind=OrganisationKind.NETWORK) for n in range(3)
    ]
    for peer in _peers_elsewhere:
        benchmarking_set(organisation=peer, by=cast.admin, region="london")
        _sessions(peer, cast.admin, deep=1, shallow=1)
    benchmarking_set(organisation=cast.org, by=cast.admin, region="wales")
    _sessions(cast.org, cast.admin, deep=1, shallow=1)
    by_kind = benchmark.compare(cast.org, "kind", TODAY)
    assert next(c for c in by_kind["comparisons"] if c.measure == "deep").quartiles is not None
    by_region = benchmark.compare(cast.org, "region", TODAY)
    assert by_region["organisations"] == 4
    assert next(c for c in by_region["comparisons"] if c.measure == "deep").quartiles is None


def test_fewer_days_to_answer_is_better():
    row = benchmark.Comparison("days", ours=3.0, count=5, quartiles=(5.0, 10.0, 20.0))
    assert row.where == "In the top quarter"


def test_an_admin_opts_in_and_out_and_others_only_look(cast, client_for):
    page = client_for(cast.commissioner).get(URL)
    assert page.status_code == 200
    assert "You are not comparing yet." in page.content.decode()
    assert client_for(cast.coordinator).post(URL, {"region": "wales"}).status_code == 403
    assert client_for(cast.member).get(URL).status_code == 403
    assert client_for(cast.outsider).get(URL).status_code == 404
    missing = client_for(cast.admin).post(URL, {})
    assert missing.status_code == 400
    assert "Choose your region." in missing.content.decode()
    assert client_for(cast.admin).post(URL, {"region": "wales"}).status_code == 302
    assert benchmark.compare(cast.org, "all", TODAY)["joined"] is not None
    assert AuditEvent.objects.filter(organisation=cast.org, action="insight.benchmarking").exists()
    wrong = client_for(cast.admin).get(URL, {"group": "shoe-size"})
    assert wrong.status_code == 400
    assert "Choose who to compare with from the list." in wrong.content.decode()
    client_for(cast.admin).post(URL, {"leave": "yes"})
    assert benchmark.compare(cast.org, "all", TODAY)["joined"] is None
