"""Fixtures shared by the evidence tests: an indicator, two reporting periods, and a short
transcript coded by two coders."""

import datetime

import pytest

from coproduce.evidence import queries, services
from coproduce.frameworks.models import Framework


@pytest.fixture
def indicator(cast):
    return services.indicator_save(
        organisation=cast.org,
        by=cast.coordinator,
        details={"name": "Referrals", "unit": "referrals", "direction": "higher"},
    )


@pytest.fixture
def periods(cast):
    return [
        services.period_create(
            organisation=cast.org,
            by=cast.coordinator,
            label=label,
            starts_on=datetime.date(year, 9, 1),
            ends_on=datetime.date(year + 1, 8, 31),
        )
        for label, year in (("2009-10", 2009), ("2010-11", 2010))
    ]


@pytest.fixture
def coded(cast):
    framework = Framework.objects.get(key="authentic-principles", is_current=True)
    assert (
        services.codebook_add_framework(
            organisation=cast.org, by=cast.coordinator, framework=framework
        )
        == 4
    )
    services.code_create(organisation=cast.org, by=cast.coordinator, name="Language")
    document = services.document_add(
        organisation=cast.org,
        by=cast.coordinator,
        title="Focus group",
        kind="transcript",
        text="Asha: I trust them now.\n\nBen: They spoke my language.\r\n\r\n"
        "Asha: They respected our festival.\n\n\n",
    )
    codes = {c.name: c for c in queries.codes_in(cast.org)}
    excerpts = list(document.excerpts.all())
    staff = [["Trust"], ["Language"], ["Respect"]]
    partner = [["Trust"], ["Language", "Respect"], []]
    for excerpt, mine, theirs in zip(excerpts, staff, partner, strict=True):
        services.excerpt_code(
            excerpt=excerpt, coder=cast.coordinator, codes=[codes[n] for n in mine]
        )
        services.excerpt_code(excerpt=excerpt, coder=cast.member, codes=[codes[n] for n in theirs])
    return document, excerpts, codes
