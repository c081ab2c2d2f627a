"""No page offers a link that then answers "you may not". Found from outside: the
initiatives list offered co-producers "Map it", which answered 403.

For each role, follow every link inside the organisation from its home page (breadth
first, on a generated organisation) and open it as that role."""

import re
from collections import deque

import pytest

from coproduce.core.models import Organisation, Role
from coproduce.demo.generate import generate
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

HREF = re.compile(r'href="(/orgs/[^"#]+)"')
# Enough to reach every kind of page a role is shown, within a few seconds.
MOST_PAGES = 250


def _shape(address):
    return re.sub(r"\d+", "N", address)


def _crawl(client, start, pages=None):
    """Every address reached from `start` (at most three of each shape, so a list of a
    thousand people is three person pages), and the ones that answered 403. `pages`, if
    given, collects each page's HTML by address."""
    seen, queue, refused = {start}, deque([start]), []
    shapes: dict[str, int] = {}
    visited = 0
    while queue and visited < MOST_PAGES:
        address = queue.popleft()
        visited += 1
        response = client.get(address)
        if response.status_code == 403:
            refused.append(address)
            continue
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        if pages is not None:
            pages[address] = html
        for link in HREF.findall(html):
            link = link.replace("&amp;", "&")
            shape = _shape(link.split("?")[0])
            if (
                link.startswith(start)
                and link not in seen
                and "format=" not in link
                and shapes.get(shape, 0) < 3
            ):
                shapes[shape] = shapes.get(shape, 0) + 1
                seen.add(link)
                queue.append(link)
    return seen, refused


@pytest.mark.parametrize("role", [Role.MEMBER, Role.VIEWER, Role.REVIEWER, Role.COORDINATOR])
def test_every_link_a_role_is_shown_opens_for_them(client_for, role):
    generate("small", 1, lambda *args: None)
    mine = Organisation.objects.get(slug="gen-2")
    user = UserFactory()
    MembershipFactory(user=user, organisation=mine, role=role)
    seen, refused = _crawl(client_for(user), f"/orgs/{mine.slug}/")
    # A peer reviewer sees only what they are asked to review; the rest see much more.
    assert len(seen) > (1 if role == Role.REVIEWER else 10)
    assert refused == []


def test_pickers_hold_no_erased_people_and_no_dashes(client_for):
    """Erased people stay in counts and history under a placeholder, but nobody can
    choose them again: no list of people to pick from on any page holds one. Empty
    choices say so in words, not Django's "---------", and optional fields say
    "(optional)"."""
    from coproduce.people.models import Person
    from coproduce.privacy.services import person_erase

    generate("small", 1, lambda *args: None)
    mine = Organisation.objects.get(slug="gen-2")
    admin = UserFactory()
    MembershipFactory(user=admin, organisation=mine, role=Role.ADMIN)
    for person in Person.objects.filter(organisation=mine)[:40]:
        person_erase(person=person, by=admin)
    pages = {}
    _crawl(client_for(admin), f"/orgs/{mine.slug}/", pages)
    assert sum(html.count("<option") for html in pages.values()) > 100
    offered = sorted(
        address
        for address, html in pages.items()
        for choice in re.findall(r"<option[^>]*>([^<]*)</option>", html)
        if "Erased person" in choice
    )
    assert offered == []
    assert sorted(address for address, html in pages.items() if "---------" in html) == []
    assert "(optional)" in pages[f"/orgs/{mine.slug}/sessions/new/"]
