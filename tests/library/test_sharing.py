"""Sharing a story, with or without an account, and moderating it."""

import time
from typing import Any

import pytest
from django.core import signing
from django.test import Client

from coproduce.core.models import OrganisationKind, Role
from coproduce.initiatives.services import initiative_create
from coproduce.library.forms import STAMP_SALT
from coproduce.library.models import CaseStatus, CaseStudy
from tests.factories import MembershipFactory, OrganisationFactory, png_bytes

pytestmark = pytest.mark.django_db

STORY = {
    "title": "Allotments on the estate",
    "summary": "Residents turned waste ground into allotments with the housing association.",
    "problem": "Nowhere to grow food and nothing to do together.",
    "who_and_how": "Residents, the landlord and a gardening charity planned it together.",
    "what_changed": "Thirty plots, a waiting list, and neighbours who know each other.",
    "cos": ["co-design", "co-delivery"],
    "service_area": "public_health",
}


def _stamp(seconds_ago: float) -> str:
    return signing.dumps(time.time() - seconds_ago, salt=STAMP_SALT)


@pytest.fixture
def moderator(cast: Any) -> Any:
    """An admin of the network the cast's organisation belongs to: they moderate its
    stories, and stories the public shares."""
    network = OrganisationFactory(kind=OrganisationKind.NETWORK)
    network.members.add(cast.org)
    return MembershipFactory(organisation=network, role=Role.ADMIN).user


def test_someone_without_an_account_shares_a_story_for_review() -> None:
    response = Client().post(
        "/library/share/",
        {
            **STORY,
            "submitter_name": "Jo",
            "submitter_email": "jo@example.test",
            "stamp": _stamp(60),
        },
    )
    assert response.status_code == 200
    assert "Thank you for sharing your story" in response.content.decode()
    story = CaseStudy.objects.get()
    assert (story.status, story.submitter_email) == (CaseStatus.SUBMITTED, "jo@example.test")
    assert {t.label for t in story.tags.all()} == {"Co-design", "Co-delivery", "Public health"}
    # Not public until a moderator publishes it.
    assert Client().get(story.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    "trap",
    [{"website": "http://spam.example"}, {"stamp": "forged"}, {"stamp": None}],
)
def test_robots_are_turned_away_and_people_keep_what_they_typed(trap: dict[str, Any]) -> None:
    data = {
        **STORY,
        "submitter_name": "Jo",
        "submitter_email": "jo@example.test",
        "stamp": _stamp(60),
    }
    data.update(trap)
    if data["stamp"] is None:
        data["stamp"] = _stamp(1)  # sent back within a second
    response = Client().post("/library/share/", data)
    page = response.content.decode()
    assert "We could not accept this." in page
    assert "Thirty plots, a waiting list" in page
    assert CaseStudy.objects.count() == 0


def test_html_in_a_submission_is_shown_as_text_never_run(moderator: Any, client_for: Any) -> None:
    data = {
        **STORY,
        "title": "<script>alert(1)</script>Allotments",
        "submitter_name": "Jo",
        "submitter_email": "jo@example.test",
        "stamp": _stamp(60),
    }
    Client().post("/library/share/", data)
    story = CaseStudy.objects.get()
    page = client_for(moderator).get(f"/library/moderate/{story.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;Allotments" in page


def test_moderation_asks_for_changes_with_a_reason_then_publishes(
    moderator: Any, client_for: Any, cast: Any
) -> None:
    author = client_for(cast.member)
    author.post("/library/share/", STORY)
    story = CaseStudy.objects.get()
    assert story.created_by == cast.member
    staff = client_for(moderator)
    assert client_for(cast.member).get("/library/moderate/").status_code == 403
    missing = staff.post(f"/library/moderate/{story.pk}/", {"to": "changes_requested"})
    assert "Say why, so the author knows what to do next." in missing.content.decode()
    staff.post(
        f"/library/moderate/{story.pk}/",
        {"to": "changes_requested", "reason": "Please say how many people took part."},
    )
    page = author.get(f"/library/your-stories/{story.pk}/").content.decode()
    assert "Please say how many people took part." in page
    author.post(
        f"/library/your-stories/{story.pk}/",
        {**STORY, "what_changed": "Thirty plots for 45 households.", "send_for_review": "1"},
    )
    story.refresh_from_db()
    assert story.status == CaseStatus.SUBMITTED
    staff.post(f"/library/moderate/{story.pk}/", {"to": "published"})
    assert (
        Client()
        .get("/library/", {"q": "allotments"})
        .content.decode()
        .count("Allotments on the estate")
        >= 1
    )
    # Someone else cannot edit it.
    assert client_for(cast.coordinator).get(f"/library/your-stories/{story.pk}/").status_code == 403


def test_a_draft_from_an_initiatives_records(cast: Any, client_for: Any) -> None:
    initiative = initiative_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={
            "title": "Peer-led carers cafe",
            "service_area": "adult_social_care",
            "summary": "Carers wanted a place to talk.",
        },
    )
    initiative.partners.add(cast.other_org)
    response = client_for(cast.coordinator).post(
        f"/orgs/acme/initiatives/{initiative.pk}/case-study/"
    )
    story = CaseStudy.objects.get()
    assert response["Location"] == f"/library/your-stories/{story.pk}/"
    assert story.status == CaseStatus.DRAFT
    assert story.title == "Peer-led carers cafe"
    assert "Other Borough Council" in story.who_and_how
    assert "Adult social care" in {t.label for t in story.tags.all()}
    assert (
        client_for(cast.member)
        .post(f"/orgs/acme/initiatives/{initiative.pk}/case-study/")
        .status_code
        == 403
    )
    assert (
        client_for(cast.outsider)
        .post(f"/orgs/acme/initiatives/{initiative.pk}/case-study/")
        .status_code
        == 404
    )


def test_public_pages_are_private_when_someone_is_signed_in(cast: Any, client_for: Any) -> None:
    assert "public" in Client().get("/library/")["Cache-Control"]
    assert "private" in client_for(cast.member).get("/library/")["Cache-Control"]


def test_someone_turned_away_can_send_the_same_page_again() -> None:
    data = {
        **STORY,
        "submitter_name": "Jo",
        "submitter_email": "jo@example.test",
        "stamp": _stamp(1),
    }
    response = Client().post("/library/share/", data)
    fresh = response.context["form"].data["stamp"]
    assert fresh != data["stamp"]
    started = signing.loads(fresh, salt=STAMP_SALT)
    assert time.time() - started < 5


def test_a_quote_travels_with_the_persons_agreement(
    cast: Any, client_for: Any, moderator: Any
) -> None:
    from coproduce.people.models import ConsentPurpose
    from coproduce.people.services import consent_withdraw
    from tests.factories import ConsentFactory

    initiative = initiative_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={
            "title": "Carers cafe",
            "service_area": "adult_social_care",
            "summary": "A place to talk.",
        },
    )
    coordinator = client_for(cast.coordinator)
    coordinator.post(f"/orgs/acme/initiatives/{initiative.pk}/case-study/")
    story = CaseStudy.objects.get()
    url = f"/library/your-stories/{story.pk}/"
    quote = {
        "text": "I finally felt listened to.",
        "speaker": "A carer",
        "person": cast.coproducer.pk,
    }
    quotes = f"{url}quotes/"
    refused = coordinator.post(quotes, quote).content.decode()
    assert "Record their agreement to be quoted first" in refused
    elsewhere = coordinator.post(quotes, {**quote, "person": cast.other_person.pk}).content.decode()
    assert "Select a valid choice." in elsewhere
    consent = ConsentFactory(person=cast.coproducer, purpose=ConsentPurpose.QUOTES)
    assert coordinator.post(quotes, quote).status_code == 302
    coordinator.post(url, {**STORY, "title": "Carers cafe", "send_for_review": "1"})
    client_for(moderator).post(f"/library/moderate/{story.pk}/", {"to": "published"})
    story.refresh_from_db()
    assert "I finally felt listened to." in Client().get(story.get_absolute_url()).content.decode()
    consent_withdraw(consent=consent, by=cast.coordinator)
    assert (
        "I finally felt listened to." not in Client().get(story.get_absolute_url()).content.decode()
    )


def test_network_admins_edit_the_glossary_and_toolkit(
    moderator: Any, client_for: Any, cast: Any
) -> None:
    staff = client_for(moderator)
    response = staff.post(
        "/library/glossary/new/",
        {
            "term": "Community chest",
            "definition": "A small fund that local people decide how to spend.",
            "framework_key": "",
        },
    )
    assert response.status_code == 302
    page = Client().get("/library/glossary/").content.decode()
    assert "A small fund that local people decide how to spend." in page
    assert "/library/?q=Community%20chest" in page
    again = staff.post("/library/glossary/new/", {"term": "Community chest", "definition": "Again"})
    assert "already exists" in again.content.decode()
    staff.post(
        "/library/toolkit/new/",
        {
            "section": "methods",
            "title": "Walking interviews",
            "body": "Talk while you walk the neighbourhood.",
            "position": 1,
        },
    )
    assert (
        "Talk while you walk the neighbourhood."
        in Client().get("/library/toolkit/").content.decode()
    )
    staff.post(
        "/library/toolkit/walking-interviews/edit/",
        {
            "section": "methods",
            "title": "Walking interviews",
            "body": "Walk and talk.",
            "position": 1,
        },
    )
    assert "Walk and talk." in Client().get("/library/toolkit/").content.decode()
    assert client_for(cast.coordinator).get("/library/glossary/new/").status_code == 403
    assert Client().get("/library/toolkit/new/").status_code == 302


PNG = png_bytes()


def test_images_need_a_description_and_files_are_checked(
    cast: Any, client_for: Any, moderator: Any, settings: Any, tmp_path: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.PRIVATE_ROOT = tmp_path
    author = client_for(cast.member)
    author.post("/library/share/", STORY)
    story = CaseStudy.objects.get()
    url = f"/library/your-stories/{story.pk}/"

    def attach(content: bytes, name: str, alt: str = "") -> str:
        upload = SimpleUploadedFile(name, content)
        return author.post(
            f"{url}attachments/", {"file": upload, "title": "Plots", "alt_text": alt}
        ).content.decode()

    assert "Describe the image, for people who cannot see it." in attach(PNG, "plots.png")
    assert "The file must be an image (JPEG or PNG) or a PDF." in attach(
        b"<svg onload=alert(1)>", "plots.png", "x"
    )
    settings.LIBRARY_UPLOAD_MAX_BYTES = 10
    assert "The file must be smaller than" in attach(PNG, "plots.png", "Raised beds")
    settings.LIBRARY_UPLOAD_MAX_BYTES = 5 * 1024 * 1024
    attach(PNG, "plots.png", "Raised beds with people digging")
    attachment = story.attachments.get()
    file_url = f"/library/case-studies/{story.slug}/files/{attachment.pk}/"
    # Not public before the story is.
    assert Client().get(file_url).status_code == 404
    assert author.get(file_url).status_code == 200
    client_for(moderator).post(f"/library/moderate/{story.pk}/", {"to": "published"})
    response = Client().get(file_url)
    assert (response.status_code, response["Content-Type"]) == (200, "image/png")
    assert (
        'alt="Raised beds with people digging"'
        in Client().get(story.get_absolute_url()).content.decode()
    )


def test_people_and_organisations_are_named_only_with_their_agreement(
    cast: Any, client_for: Any, moderator: Any
) -> None:
    from coproduce.people.models import ConsentPurpose
    from coproduce.people.services import consent_withdraw
    from tests.factories import ConsentFactory

    initiative = initiative_create(
        organisation=cast.org,
        by=cast.coordinator,
        details={
            "title": "Walking group",
            "service_area": "public_health",
            "summary": "A weekly walk.",
        },
    )
    initiative.planning, initiative.delivery = "shared", "community"
    initiative.save()
    coordinator = client_for(cast.coordinator)
    coordinator.post(f"/orgs/acme/initiatives/{initiative.pk}/case-study/")
    story = CaseStudy.objects.get()
    assert "People deliver a co-planned service" in {t.label for t in story.tags.all()}
    url = f"/library/your-stories/{story.pk}/"
    credits = f"{url}credits/"
    noor = {"name": "Noor", "role": "Walk leader", "person": cast.coproducer.pk}
    assert (
        "Record their agreement to be named first"
        in coordinator.post(credits, noor).content.decode()
    )
    no_date = {"name": "Parks team", "role": "Routes"}
    assert (
        "Enter the date they agreed to be named."
        in coordinator.post(credits, no_date).content.decode()
    )
    consent = ConsentFactory(person=cast.coproducer, purpose=ConsentPurpose.NAMED)
    coordinator.post(credits, noor)
    coordinator.post(credits, {**no_date, "agreed_on": "2026-11-01"})
    coordinator.post(url, {**STORY, "title": "Walking group", "send_for_review": "1"})
    client_for(moderator).post(f"/library/moderate/{story.pk}/", {"to": "published"})
    story.refresh_from_db()
    page = Client().get(story.get_absolute_url()).content.decode()
    assert "Noor, Walk leader" in page
    assert "Parks team, Routes" in page
    consent_withdraw(consent=consent, by=cast.coordinator)
    page = Client().get(story.get_absolute_url()).content.decode()
    assert "Noor, Walk leader" not in page
    assert "Parks team, Routes" in page


@pytest.mark.parametrize("to", ["", "nonsense"])
def test_moderation_without_a_known_next_step_names_the_field(
    moderator: Any, client_for: Any, cast: Any, to: str
) -> None:
    """Found by the walk over every route: an empty "to" was a 500."""
    client_for(cast.member).post("/library/share/", STORY)
    story = CaseStudy.objects.get()
    answer = client_for(moderator).post(f"/library/moderate/{story.pk}/", {"to": to})
    assert answer.status_code == 400
    assert "Choose what happens to the case study next." in answer.content.decode()
    story.refresh_from_db()
    assert story.status == CaseStatus.SUBMITTED


def test_only_admins_of_a_network_keep_the_shared_library(cast: Any) -> None:
    assert cast.admin.has_perm("library.moderate")  # an admin of the Acme network
    assert not cast.outsider.has_perm("library.moderate")  # an admin of a council
    assert not cast.commissioner.has_perm("library.moderate")  # a viewer of the network
    assert not cast.coordinator.has_perm("library.moderate")
