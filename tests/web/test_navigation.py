"""The organisation menu: each entry's address, for the people allowed to see it."""

import re

import pytest
from django.test import Client
from django.urls import reverse, set_script_prefix

from coproduce.web.navigation import entries, menu_address


@pytest.mark.parametrize("slug", ["acme", "Acme_Care-2", "__org__x"])
def test_every_menu_address_is_the_one_django_would_make(slug):
    for entry in entries():
        assert menu_address(entry.url_name, slug) == reverse(
            entry.url_name, kwargs={"org_slug": slug}
        )


def test_a_site_served_under_a_prefix_keeps_it_in_the_menu():
    name = entries()[0].url_name
    try:
        set_script_prefix("/__org__/coproduce/")
        assert menu_address(name, "acme").startswith("/__org__/coproduce/")
        assert menu_address(name, "acme") == reverse(name, kwargs={"org_slug": "acme"})
    finally:
        set_script_prefix("/")
    assert menu_address(name, "acme") == reverse(name, kwargs={"org_slug": "acme"})


def _menu(client: Client) -> dict[str, str]:
    page = client.get("/orgs/acme/").content.decode()
    nav = page[page.index('class="govuk-service-navigation__list') :]
    nav = nav[: nav.index("</ul>")]
    links = re.findall(r'href="([^"]+)"[^>]*>\s*(?:<strong[^>]*>)?([^<]+)<', nav)
    return {label.strip(): href for href, label in links}


def test_the_menu_shows_each_person_the_pages_they_may_open(cast):
    staff, reader = Client(), Client()
    staff.force_login(cast.coordinator)
    reader.force_login(cast.commissioner)
    coordinator, commissioner = _menu(staff), _menu(reader)
    assert coordinator["People"] == "/orgs/acme/people/"
    assert coordinator["Recognition"] == reverse(
        "recognition:overview", kwargs={"org_slug": "acme"}
    )
    assert "People" not in commissioner
    assert set(commissioner) < set(coordinator)
    for href in coordinator.values():
        assert staff.get(href).status_code == 200, href


def test_a_kept_menu_follows_a_change_of_role_and_of_language(cast):
    """Each worker keeps the menus it has made (issue 23): by role, by language and by
    the kind of organisation, so a change to any of them shows on the next page."""
    from coproduce.core.models import Membership, OrganisationKind, Role

    client = Client()
    client.force_login(cast.coordinator)
    assert "People" in _menu(client)
    assert "People" in _menu(client)  # the kept menu, drawn again
    Membership.objects.filter(user=cast.coordinator).update(role=Role.VIEWER)
    assert "People" not in _menu(client)

    client.cookies["django_language"] = "cy"
    welsh = _menu(client)
    client.cookies["django_language"] = "en-gb"
    assert set(welsh).isdisjoint({"Insight", "Sessions"})
    assert welsh != _menu(client)

    as_network = set(_menu(client))
    cast.org.kind = OrganisationKind.COUNCIL
    cast.org.save()
    assert as_network - set(_menu(client)) == {"Our members&#x27; work"}
