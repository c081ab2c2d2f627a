"""Fixtures shared by the evidence tests: an indicator and two reporting periods."""

import datetime

import pytest

from coproduce.evidence import services


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
