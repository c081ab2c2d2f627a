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
