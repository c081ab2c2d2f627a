"""One test for each hole an outside attack found (issue 16), each failing before its fix."""

from typing import Any

import pytest
from django.core.checks import Error
from django.test import Client, override_settings

from coproduce.core.models import OrganisationKind, Role
from coproduce.library.models import CaseStatus, CaseStudy
from tests.factories import MembershipFactory, OrganisationFactory
from tests.pdfcheck import get_pdf

# --- 2. Library moderation stays with the story's own networks -----------------------------


@pytest.fixture
def stories(cast: Any) -> dict[str, Any]:
    """A draft of Acme's, the network Acme belongs to, and an unrelated network."""
    own_network = OrganisationFactory(kind=OrganisationKind.NETWORK, slug="acme-network")
    own_network.members.add(cast.org)
    unrelated = OrganisationFactory(kind=OrganisationKind.NETWORK, slug="far-away")
    story = CaseStudy.objects.create(
        organisation=cast.org,
        title="Carers cafe",
        slug="carers-cafe",
        summary="A place to talk.",
        status=CaseStatus.SUBMITTED,
        created_by=cast.coordinator,
    )
    return {
        "story": story,
        "own": MembershipFactory(organisation=own_network, role=Role.ADMIN).user,
        "unrelated": MembershipFactory(organisation=unrelated, role=Role.ADMIN).user,
    }


def test_an_unrelated_network_cannot_read_edit_or_publish_a_draft(
    stories: dict[str, Any], client_for: Any
) -> None:
    story = stories["story"]
    stranger = client_for(stories["unrelated"])
    assert stranger.get(f"/library/moderate/{story.pk}/").status_code == 403
    assert stranger.get(f"/library/your-stories/{story.pk}/").status_code == 403
    assert stranger.post(f"/library/moderate/{story.pk}/", {"to": "published"}).status_code == 403
    assert "Carers cafe" not in stranger.get("/library/moderate/").content.decode()
    story.refresh_from_db()
    assert story.status == CaseStatus.SUBMITTED


def test_the_story_s_own_network_moderates_it(stories: dict[str, Any], client_for: Any) -> None:
    story = stories["story"]
    own = client_for(stories["own"])
    assert "Carers cafe" in own.get("/library/moderate/").content.decode()
    assert own.get(f"/library/moderate/{story.pk}/").status_code == 200
    own.post(f"/library/moderate/{story.pk}/", {"to": "published"})
    story.refresh_from_db()
    assert story.status == CaseStatus.PUBLISHED


# --- 4. "Choose several people" fields let several, or nobody, be chosen ----------------------


def test_choosing_several_people_sends_a_list_and_nobody_means_nobody(
    cast: Any, client_for: Any
) -> None:
    from tests.factories import PersonFactory

    client = client_for(cast.coordinator)
    page = client.get("/orgs/acme/sessions/new/").content.decode()
    start = page.index('name="invitees"')
    tag = page[page.rindex("<select", 0, start) : page.index(">", start)]
    assert " multiple" in tag
    extra = [PersonFactory(organisation=cast.org) for _ in range(2)]
    base = {"title": "Forum", "kind": "meeting", "starts_at": "2026-12-10T10:00", "hours": "2"}
    for chosen in ([], [cast.coproducer], [cast.coproducer, *extra]):
        response = client.post(
            "/orgs/acme/sessions/new/", {**base, "invitees": [p.pk for p in chosen]}
        )
        assert response.status_code == 302, response.content.decode()[:500]
        from coproduce.sessions.models import Session

        saved = Session.objects.order_by("-pk").first()
        assert set(saved.invitees.all()) == set(chosen)


# --- 8. Long passwords work ---------------------------------------------------------------


@pytest.mark.parametrize("length", [73, 200, 1000])
def test_a_long_password_is_accepted_at_sign_up(db: None, length: int) -> None:
    password = ("plum kettle orbit " * 60)[:length]
    response = Client().post(
        "/accounts/signup/",
        {"email": f"long{length}@example.test", "password1": password, "password2": password},
    )
    assert response.status_code == 302


# --- 16. Production refuses to write emails (and reset links) to the log --------------------


def test_the_deploy_check_refuses_the_console_email_backend() -> None:
    from coproduce.core.checks import email_is_sent

    console = "django.core.mail.backends.console.EmailBackend"
    with override_settings(DEBUG=False, MESSAGING_EMAIL_BACKEND=console):
        found = email_is_sent(None)
    assert [e.id for e in found] == ["coproduce.E001"]
    assert all(isinstance(e, Error) for e in found)
    with override_settings(DEBUG=True, MESSAGING_EMAIL_BACKEND=console):
        assert email_is_sent(None) == []
    smtp = "django.core.mail.backends.smtp.EmailBackend"
    with override_settings(DEBUG=False, MESSAGING_EMAIL_BACKEND=smtp):
        assert email_is_sent(None) == []
    # Nothing set up at all: emails would wait in the outbox for ever.
    with override_settings(DEBUG=False, MESSAGING_EMAIL_BACKEND="", NOTIFY_API_KEY=""):
        assert [e.id for e in email_is_sent(None)] == ["coproduce.E001"]
    notify = {"email": "f33517ff-2a88-4f6e-b855-c550268ce08a"}
    with override_settings(
        DEBUG=False, MESSAGING_EMAIL_BACKEND="", NOTIFY_API_KEY="k", NOTIFY_TEMPLATES=notify
    ):
        assert email_is_sent(None) == []


# --- 18. The API answers in its own language -----------------------------------------------


def test_an_unknown_api_address_answers_problem_json(db: None) -> None:
    response = Client().get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")


def test_a_huge_api_body_answers_413(cast: Any) -> None:
    from coproduce.core.services import api_token_create

    token = api_token_create(user=cast.coordinator).token
    body = '{"preferred_name": "' + "x" * (11 * 1024 * 1024) + '"}'
    response = Client(HTTP_AUTHORIZATION=f"Bearer {token}").post(
        "/api/v1/orgs/acme/people", body, content_type="application/json"
    )
    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/problem+json")


# --- 6. Separation of duties: nobody pays themselves ------------------------------------------


@pytest.fixture
def coordinator_person(cast: Any) -> Any:
    """The coordinator also takes part, so they have a record of their own."""
    from tests.factories import PersonFactory

    return PersonFactory(organisation=cast.org, preferred_name="Cora", user=cast.coordinator)


def test_nobody_decides_their_own_expense_claim(cast: Any, coordinator_person: Any) -> None:
    import datetime

    from django.core.exceptions import ValidationError

    from coproduce.recognition import services
    from coproduce.recognition.models import ClaimStatus, ExpenseCategory

    category = ExpenseCategory.objects.create(organisation=cast.org, name="Bus", kind="travel")
    claim = services.expense_claim_submit(
        person=coordinator_person,
        by=cast.coordinator,
        category=category,
        amount_pence=101250,
        description="Taxi",
        incurred_on=datetime.date(2026, 11, 2),
        paid_up_front=True,
    )
    with pytest.raises(ValidationError, match="your own claim"):
        services.expense_claim_decide(claim=claim, by=cast.coordinator, approve=True)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
    services.expense_claim_decide(claim=claim, by=cast.admin, approve=True)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED


def test_nobody_approves_recognition_for_themselves(cast: Any, coordinator_person: Any) -> None:
    import datetime
    from decimal import Decimal

    from django.core.exceptions import ValidationError

    from coproduce.recognition import services
    from coproduce.recognition.models import AwardStatus

    award = services.award_create(
        organisation=cast.org,
        by=cast.coordinator,
        person=coordinator_person,
        description="Reading papers",
        happened_on=datetime.date(2026, 11, 2),
        hours=Decimal(2),
        method="payment",
        amount=100000,
    )
    with pytest.raises(ValidationError, match="for yourself"):
        services.awards_approve(organisation=cast.org, by=cast.coordinator, awards=[award])
    award.refresh_from_db()
    assert award.status == AwardStatus.PROPOSED
    assert services.awards_approve(organisation=cast.org, by=cast.admin, awards=[award]) == 1


def test_the_api_refuses_an_award_to_oneself(cast: Any, coordinator_person: Any) -> None:
    from coproduce.core.services import api_token_create
    from coproduce.ledger import services as ledger_services
    from coproduce.ledger.models import AccountKind, Transaction

    issued = ledger_services.organisation_account(cast.org, AccountKind.ISSUED, "pence")
    mine = ledger_services.person_account(coordinator_person, "pence")
    token = api_token_create(user=cast.coordinator).token
    response = Client(HTTP_AUTHORIZATION=f"Bearer {token}").post(
        "/api/v1/orgs/acme/ledger/transactions",
        {"kind": "award", "from_account": issued.pk, "to_account": mine.pk, "amount": 100000},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="self-award",
    )
    assert response.status_code == 403
    assert "yourself" in response.json()["detail"]
    assert not Transaction.objects.exists()


# --- 12. Turning borrowing off cannot leave the ledger check failing -------------------------


def test_borrowing_cannot_be_turned_off_while_someone_owes(cast: Any) -> None:
    from django.core.exceptions import ValidationError

    from coproduce.ledger import services as ledger_services
    from coproduce.recognition import services
    from coproduce.recognition.queries import books_check

    services.policy_update(
        organisation=cast.org, by=cast.admin, details={"allow_negative_credits": True}
    )
    noor = ledger_services.person_account(cast.coproducer, "credits")
    mo = ledger_services.person_account(cast.member_person, "credits")
    services.post(
        organisation=cast.org, by=cast.admin, key="borrow", kind="gift", legs=[(noor, -3), (mo, 3)]
    )
    with pytest.raises(ValidationError, match="Noor"):
        services.policy_update(
            organisation=cast.org, by=cast.admin, details={"allow_negative_credits": False}
        )
    assert services.policy_for(cast.org).allow_negative_credits
    assert books_check()[1] == []


# --- 1. The admin signs in through the site's own door ----------------------------------------


def test_the_admin_password_form_is_never_used(db: None) -> None:
    from coproduce.core.services import user_create
    from tests.factories import PASSWORD

    boss = user_create(email="boss@example.test", password=PASSWORD)
    boss.is_staff = boss.is_superuser = True
    boss.save()
    client = Client()
    answer = client.post(
        "/admin/login/?next=/admin/", {"username": boss.email, "password": PASSWORD}
    )
    assert answer.status_code == 302
    assert answer["Location"].startswith("/accounts/login/?next=%2Fadmin%2F")
    # The password sent to the admin's form signed nobody in.
    assert client.get("/admin/").status_code == 302
    assert "_auth_user_id" not in client.session
    # Somewhere else is not where the admin's sign-in can send people.
    away = client.get("/admin/login/?next=https://evil.example/")
    assert "evil.example" not in away["Location"]


# --- 9. A PDF reads its stylesheet from disk, never from this same site over HTTP ------------


def test_pdfs_read_static_files_from_disk_and_fetch_nothing_else(db: None) -> None:
    from coproduce.web.pdf import static_fetcher

    fetcher = static_fetcher()
    css = fetcher.fetch("http://coproduce.example.org/static/coproduce/coproduce.css")
    assert css.content_type == "text/css"
    assert b"govuk" in css.read()
    for elsewhere in (
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        "http://coproduce.example.org/static/../../settings.py",
        "http://coproduce.example.org/orgs/acme/people/",
    ):
        with pytest.raises(ValueError, match="only use"):
            fetcher.fetch(elsewhere)


def test_the_evidence_pack_pdf_is_styled_without_a_second_request(
    cast: Any, client_for: Any
) -> None:
    import io

    from pypdf import PdfReader

    pdf = get_pdf(client_for(cast.coordinator), "/orgs/acme/evidence-pack/?format=pdf")
    # Styled from the stylesheet on disk: its sans-serif font stack reaches the PDF. Over
    # HTTP (no second request is served here) it had no stylesheet and fell back to serif.
    fonts = {
        str(font.get("/BaseFont"))
        for page in PdfReader(io.BytesIO(pdf.content)).pages
        for font in (page["/Resources"].get("/Font") or {}).values()
        for font in [font.get_object()]
    }
    assert fonts
    assert not any("Serif" in font for font in fonts), fonts


# --- 10. An archive that unpacks to far more than it holds is never opened --------------------


def _bomb(member: str) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open(member, "w") as inner,
    ):
        for _ in range(50):
            inner.write(b"\0" * (1024 * 1024))
    return buffer.getvalue()


def test_a_word_file_bomb_is_refused_before_it_is_unpacked() -> None:
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from coproduce.evidence.extract import text_of

    data = _bomb("word/document.xml")
    assert len(data) < 200 * 1024
    with pytest.raises(ValidationError, match="unpacks to far more"):
        text_of(SimpleUploadedFile("notes.docx", data))


def test_a_spreadsheet_bomb_is_refused_before_it_is_unpacked() -> None:
    from coproduce.core.imports import RowError, read_table

    problem = read_table(_bomb("xl/worksheets/sheet1.xml"), required=("period", "value"))
    assert isinstance(problem, RowError)
    assert "unpacks to far more" in problem.message


# --- 13. Files on the server are the server's own -------------------------------------------


def test_a_receipt_is_written_readable_by_the_server_only(cast: Any) -> None:
    import datetime
    import io
    import os
    import stat

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from coproduce.recognition import services
    from coproduce.recognition.models import ExpenseCategory
    from tests.factories import png_bytes

    category = ExpenseCategory.objects.create(organisation=cast.org, name="Bus", kind="travel")
    claim = services.expense_claim_submit(
        person=cast.coproducer,
        by=cast.coordinator,
        category=category,
        amount_pence=420,
        description="Bus fare",
        incurred_on=datetime.date(2026, 11, 2),
        receipt=SimpleUploadedFile("r.png", png_bytes(exif=gps_exif()), "image/png"),
    )
    mode = stat.S_IMODE(os.stat(claim.receipt.path).st_mode)
    assert mode == 0o600, oct(mode)
    # Where the photo was taken, and on what, is not kept.
    stored = claim.receipt.read()
    assert stored.startswith(b"\x89PNG")
    assert b"PhoneMaker" not in stored
    assert "exif" not in Image.open(io.BytesIO(stored)).info


def gps_exif() -> bytes:
    from PIL import Image

    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # the camera's maker
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)}  # GPS
    return exif.tobytes()


def test_an_attached_photo_keeps_no_location(cast: Any) -> None:
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from coproduce.library.services import attachment_add

    story = CaseStudy.objects.create(
        organisation=cast.org, title="Walks", slug="walks", summary="Walking together."
    )
    jpeg = io.BytesIO()
    Image.new("RGB", (8, 6), "olive").save(jpeg, "JPEG", exif=gps_exif())
    assert b"PhoneMaker" in jpeg.getvalue()
    attachment = attachment_add(
        case_study=story,
        by=cast.coordinator,
        upload=SimpleUploadedFile("walk.jpg", jpeg.getvalue(), "image/jpeg"),
        title="The walk",
        alt_text="People walking by the river",
    )
    stored = attachment.file.read()
    assert b"PhoneMaker" not in stored
    assert Image.open(io.BytesIO(stored)).getexif().get(0x8825) is None


def test_the_sqlite_database_files_are_the_server_s_own(tmp_path: Any) -> None:
    from types import SimpleNamespace

    from coproduce.core.apps import _private_sqlite_files

    database = tmp_path / "coproduce.sqlite3"
    for path in (database, tmp_path / "coproduce.sqlite3-wal"):
        path.write_bytes(b"")
        path.chmod(0o644)
    connection = SimpleNamespace(vendor="sqlite", settings_dict={"NAME": str(database)})
    _private_sqlite_files(None, connection=connection)
    assert database.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "coproduce.sqlite3-wal").stat().st_mode & 0o777 == 0o600


# --- 5. Attendance that recognition rests on cannot vanish -----------------------------------


def test_replacing_a_register_cannot_drop_recognised_attendance(
    cast: Any, recognised_session: Any
) -> None:
    from coproduce.core.services import api_token_create
    from coproduce.sessions.models import Attendance

    token = api_token_create(user=cast.coordinator).token
    response = Client(HTTP_AUTHORIZATION=f"Bearer {token}").put(
        f"/api/v1/orgs/acme/sessions/{recognised_session.pk}/register",
        {"present": [cast.member_person.pk]},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert "Noor" in response.json()["detail"]
    assert Attendance.objects.filter(session=recognised_session, person=cast.coproducer).exists()


def test_the_register_page_says_why_it_cannot_drop_recognised_attendance(
    cast: Any, client_for: Any, recognised_session: Any
) -> None:
    from coproduce.sessions.models import Attendance

    page = client_for(cast.coordinator).post(
        f"/orgs/acme/sessions/{recognised_session.pk}/register/",
        {"present": [cast.member_person.pk]},
    )
    assert page.status_code == 409
    assert "Recognition has been given or proposed for Noor" in page.content.decode()
    assert Attendance.objects.filter(session=recognised_session, person=cast.coproducer).exists()


# --- 14 (in part). A token is no way round two-step sign-in ----------------------------------


def test_a_coordinator_without_two_step_sign_in_cannot_use_a_token(
    cast: Any, settings: Any
) -> None:
    from allauth.mfa.models import Authenticator

    from coproduce.core.services import api_token_create

    settings.COPRODUCE_REQUIRE_MFA = True
    token = api_token_create(user=cast.coordinator).token
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    refused = api.get("/api/v1/orgs/acme/people")
    assert refused.status_code == 403
    assert "two-step sign-in" in refused.json()["detail"]
    # A co-producer is not asked for it, so their token works.
    member = Client(HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=cast.member).token}")
    assert member.get("/api/v1/organisations").status_code == 200
    Authenticator.objects.create(
        user=cast.coordinator, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    assert api.get("/api/v1/orgs/acme/people").status_code == 200


# --- 17. Every API create can be retried safely ----------------------------------------------


def test_a_retried_create_with_its_key_makes_one_record(cast: Any) -> None:
    from coproduce.core.services import api_token_create
    from coproduce.people.models import Person

    api = Client(HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=cast.coordinator).token}")
    before = Person.objects.count()

    def create(name: str, key: str | None) -> Any:
        headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
        return api.post(
            "/api/v1/orgs/acme/people",
            {"preferred_name": name},
            content_type="application/json",
            **headers,
        )

    first = create("Ada", "retry-1")
    assert first.status_code == 201
    again = create("Ada", "retry-1")
    assert again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert Person.objects.count() == before + 1
    # The same key for something else is refused, and nothing is made.
    other = create("Bea", "retry-1")
    assert other.status_code == 409
    assert other.json()["errors"][0]["field"] == "Idempotency-Key"
    assert Person.objects.count() == before + 1
    # Without a key, each request is its own.
    create("Cy", None)
    create("Cy", None)
    assert Person.objects.filter(preferred_name="Cy").count() == 2
    # A key is one person's: someone else's same key is theirs to use.
    admin = Client(HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=cast.admin).token}")
    theirs = admin.post(
        "/api/v1/orgs/acme/people",
        {"preferred_name": "Di"},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="retry-1",
    )
    assert theirs.status_code == 201
    bad = create("Ed", "not a key because of spaces")
    assert bad.status_code == 422


# --- 7 (in part). Login limits counted where every worker sees them, by the real client ------


def test_the_deploy_check_warns_when_login_limits_live_in_one_worker() -> None:
    from django.core.checks import Warning as CheckWarning

    from coproduce.core.checks import login_limits_are_shared

    local = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    shared = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache"}}
    with override_settings(DEBUG=False, CACHES=local):
        found = login_limits_are_shared(None)
    assert [w.id for w in found] == ["coproduce.W001"]
    assert all(isinstance(w, CheckWarning) for w in found)
    with override_settings(DEBUG=False, CACHES=shared):
        assert login_limits_are_shared(None) == []


def test_behind_a_proxy_the_limits_count_each_client_not_the_proxy(db: None, settings: Any) -> None:
    # allauth's own reading of the client's address, which its limits count by.
    from allauth.core.internal.httpkit import get_client_ip
    from django.test import RequestFactory

    request = RequestFactory().post(
        "/accounts/login/", REMOTE_ADDR="10.0.0.2", HTTP_X_REAL_IP="203.0.113.7"
    )
    assert get_client_ip(request) == "10.0.0.2"  # not configured: everyone is the proxy
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    assert get_client_ip(request) == "203.0.113.7"
