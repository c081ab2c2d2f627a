import pytest

pytestmark = pytest.mark.django_db


def test_every_page_forbids_inline_script_and_framing(client):
    for url in ("/", "/library/", "/accounts/login/", "/api/v1/docs"):
        policy = client.get(url)["Content-Security-Policy"]
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
        assert directives["script-src"] == "'self'", url
        assert directives["style-src"] == "'self'", url
        assert directives["object-src"] == "'none'", url
        assert directives["frame-ancestors"] == "'none'", url


def test_signed_in_pages_are_never_stored_by_caches(client, cast):
    client.force_login(cast.coordinator)
    for url in ("/orgs/acme/people/", f"/orgs/acme/people/{cast.coproducer.pk}/"):
        cache_control = client.get(url)["Cache-Control"]
        assert "no-store" in cache_control, url
        assert "private" in cache_control, url
    # Public pages keep what they say about themselves.
    client.logout()
    assert "public" in client.get("/library/")["Cache-Control"]
