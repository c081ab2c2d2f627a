import json

import pytest

from coproduce.core.models import AuditEvent
from coproduce.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("admin", 200),
        ("coordinator", 200),
        ("member", 403),
        ("commissioner", 403),
        ("reviewer", 403),
        ("outsider", 404),
    ],
)
def test_who_may_see_everything_held_about_someone(cast, client_for, role, status):
    url = f"/orgs/acme/people/{cast.coproducer.pk}/data/"
    assert client_for(cast.users()[role]).get(url).status_code == status


def test_people_can_download_their_own_data(cast, client_for):
    client = client_for(cast.member)
    response = client.get(f"/orgs/acme/people/{cast.member_person.pk}/data/?format=json")
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["person"]["preferred_name"] == "Mo"
    assert AuditEvent.objects.filter(
        action="privacy.export", on_behalf_of=cast.member_person.pk
    ).exists()
    page = client.get(f"/orgs/acme/people/{cast.member_person.pk}/data/").content.decode()
    assert "Erase this person" not in page
    assert "Make a copy for me" in page


def test_only_an_admin_erases_and_must_confirm(cast, client_for):
    url = f"/orgs/acme/people/{cast.coproducer.pk}/erase/"
    assert client_for(cast.coordinator).post(url, {"confirm": "Noor"}).status_code == 403
    admin = client_for(cast.admin)
    response = admin.post(url, {"confirm": "noor "})
    assert response.status_code == 422
    assert "Type their preferred name exactly" in response.content.decode()
    assert Person.objects.get(pk=cast.coproducer.pk).erased_at is None
    response = admin.post(url, {"confirm": "Noor"})
    assert response.status_code == 302
    erased = Person.objects.get(pk=cast.coproducer.pk)
    assert erased.erased_at is not None
    assert erased.preferred_name.startswith("Erased person")
    assert AuditEvent.objects.filter(action="privacy.erase").exists()
    assert client_for(cast.outsider).get(url).status_code == 404
