"""Record numbers from input: plain digits only, never a server error."""

import pytest

from coproduce.core.ids import id_or_none, ids_in
from coproduce.initiatives.models import Initiative


@pytest.mark.parametrize(
    ("text", "expected"),
    [("42", 42), (" 7 ", 7), (7, 7), ("¹", None), ("٣", None), ("-1", None), ("", None),
     (None, None), ("1" * 19, None), ("4.0", None), ("0x1f", None)],
)  # fmt: skip
def test_only_plain_digits_are_record_numbers(text, expected):
    assert id_or_none(text) == expected


def test_a_list_keeps_the_numbers_in_order():
    assert ids_in(["3", "¹", "1", "9" * 40, "2"]) == [3, 1, 2]


@pytest.mark.django_db
def test_odd_digits_sent_to_a_page_are_just_ignored(cast, client_for):
    # Found by `make fuzz`: "¹" passed str.isdigit() and int() then failed.
    from coproduce.initiatives.services import initiative_create

    initiative = initiative_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={"title": "Crisis café", "service_area": "mental_health"},
    )
    assert isinstance(initiative, Initiative)
    client = client_for(cast.coordinator)
    address = f"/orgs/acme/initiatives/{initiative.pk}/coverage/"
    for odd in ("¹", "9" * 40):
        assert client.post(address, {"items": odd}).status_code < 500
