import pytest

from coproduce.core.models import AuditEvent
from coproduce.people.models import Person, SpecialCategoryData
from tests.factories import ConsentFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_people_list_searches_and_filters(client_for, cast):
    PersonFactory(organisation=cast.org, preferred_name="Bea").access_needs.create(kind="bsl")
    PersonFactory(organisation=cast.org, preferred_name="Cal", recognition_preference="payment")
    client = client_for(cast.coordinator)
    names = lambda r: [p.preferred_name for p in r.context["page"].object_list]  # noqa: E731
    assert names(client.get("/orgs/acme/people/", {"q": "be"})) == ["Bea"]
    assert names(client.get("/orgs/acme/people/", {"access_need": "bsl"})) == ["Bea"]
    assert names(client.get("/orgs/acme/people/", {"recognition": "payment"})) == ["Cal"]
    assert names(client.get("/orgs/acme/people/", {"has_login": "yes"})) == ["Mo"]
    # Another organisation's people never appear.
    assert "Elsewhere" not in names(client.get("/orgs/acme/people/"))


def test_people_list_ignores_an_invalid_filter_and_says_so(client_for, cast):
    response = client_for(cast.coordinator).get("/orgs/acme/people/", {"access_need": "wings"})
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert len(response.context["page"].object_list) == 2


def test_people_list_query_count_is_bounded(client_for, cast, django_assert_max_num_queries):
    for n in range(60):
        person = PersonFactory(organisation=cast.org, preferred_name=f"P{n:02}")
        person.access_needs.create(kind="easy_read")
        person.access_needs.create(kind="step_free")
    client = client_for(cast.coordinator)
    with django_assert_max_num_queries(12):
        response = client.get("/orgs/acme/people/", {"page": 2})
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 25


def test_member_and_commissioner_cannot_list_people(client_for, cast):
    assert client_for(cast.member).get("/orgs/acme/people/").status_code == 403
    assert client_for(cast.commissioner).get("/orgs/acme/people/").status_code == 403


def test_add_person_with_access_needs(client_for, cast):
    response = client_for(cast.coordinator).post(
        "/orgs/acme/people/new/",
        {
            "preferred_name": "Dee",
            "contact_preference": "text",
            "recognition_preference": "time_credits",
            "access_needs": ["bsl", "quiet_space"],
        },
    )
    person = Person.objects.get(preferred_name="Dee")
    assert response.status_code == 302
    assert response["Location"] == person.get_absolute_url()
    assert sorted(person.access_needs.values_list("kind", flat=True)) == ["bsl", "quiet_space"]


def test_add_person_errors_are_summarised_and_input_kept(client_for, cast):
    before = Person.objects.count()
    response = client_for(cast.coordinator).post(
        "/orgs/acme/people/new/",
        {
            "preferred_name": "",
            "email": "nope",
            "full_name": "Kept Value",
            "contact_preference": "email",
            "recognition_preference": "none",
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_preferred_name"' in content
    assert "Enter the name they like to be called." in content
    assert 'href="#id_email"' in content
    assert 'value="Kept Value"' in content
    assert Person.objects.count() == before


def test_member_edits_own_record_and_cannot_edit_others(client_for, cast):
    client = client_for(cast.member)
    own = cast.member_person
    data = {
        "preferred_name": "Mohammed",
        "contact_preference": "email",
        "recognition_preference": "payment",
    }
    assert client.post(f"/orgs/acme/people/{own.pk}/edit/", data).status_code == 302
    own.refresh_from_db()
    assert own.preferred_name == "Mohammed"
    response = client.post(f"/orgs/acme/people/{cast.coproducer.pk}/edit/", data)
    assert response.status_code == 403


def test_equality_page_asks_for_agreement_first(client_for, cast):
    client = client_for(cast.coordinator)
    url = f"/orgs/acme/people/{cast.coproducer.pk}/equality/"
    response = client.get(url)
    assert b"Record their agreement" in response.content
    response = client.post(url, {"ethnicity": "white"})
    assert response.status_code == 200
    assert "Record the person&#x27;s agreement" in response.content.decode()
    assert not SpecialCategoryData.objects.exists()


def test_equality_saved_then_hidden_after_withdrawal(client_for, cast):
    consent = ConsentFactory(person=cast.coproducer)
    client = client_for(cast.coordinator)
    base = f"/orgs/acme/people/{cast.coproducer.pk}"
    client.post(f"{base}/equality/", {"ethnicity": "black", "lived_experience": ["caring"]})
    page = client.get(f"{base}/").content.decode()
    assert "Black, Black British, Caribbean or African" in page
    assert AuditEvent.objects.filter(action="special_category.view").exists()
    client.post(f"{base}/consents/{consent.pk}/withdraw/")
    page = client.get(f"{base}/").content.decode()
    assert "Black, Black British" not in page
    assert "We do not hold any" in page


def test_commissioner_never_sees_special_category_data(client_for, cast):
    ConsentFactory(person=cast.coproducer)
    response = client_for(cast.commissioner).get(f"/orgs/acme/people/{cast.coproducer.pk}/")
    assert response.status_code == 403


def test_record_consent_through_the_page(client_for, cast):
    client = client_for(cast.coordinator)
    url = f"/orgs/acme/people/{cast.coproducer.pk}/consents/new/"
    response = client.post(url, {"purpose": "special_category", "given_on": "2026-05-01"})
    assert response.status_code == 302
    assert response["Location"].endswith("/equality/")
    response = client.post(url, {"purpose": "contact", "given_on": "not a date"})
    assert "Enter a real date." in response.content.decode()


def test_only_admin_deletes(client_for, cast):
    url = f"/orgs/acme/people/{cast.coproducer.pk}/delete/"
    assert client_for(cast.coordinator).post(url).status_code == 403
    assert client_for(cast.admin).post(url).status_code == 302
    assert not Person.objects.filter(pk=cast.coproducer.pk).exists()
    assert AuditEvent.objects.filter(action="person.delete").exists()
