"""Welsh (issue 19, part 1): a Cymraeg / English switch that keeps the reader on the same
page, the browser's language for anyone who has not chosen, and a person's own
language in what they are sent and on the pages their links open. Every string in the
interface has Welsh (docs/welsh.md)."""

import re
import shutil
import subprocess
import sys
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import polib
import pytest
from django.utils import timezone, translation

from coproduce.evidence import services as evidence
from coproduce.messaging.models import Message
from coproduce.people.models import AccessNeed
from coproduce.sessions.services import session_create
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

SRC = Path(__file__).resolve().parents[2] / "src" / "coproduce"
CATALOGUE = SRC / "locale" / "cy" / "LC_MESSAGES" / "django.po"


def test_the_switch_keeps_the_reader_on_the_same_page(client: Any) -> None:
    english = client.get("/library/").content.decode()
    assert '<html lang="en-GB"' in english
    assert ">Cymraeg</button>" in english
    moved = client.post("/i18n/setlang/", {"language": "cy", "next": "/library/"})
    assert moved.status_code == 302
    assert moved["Location"] == "/library/"
    welsh = client.get("/library/").content.decode()
    assert '<html lang="cy"' in welsh
    assert "Neidio i'r prif gynnwys" in welsh
    assert ">English</button>" in welsh
    client.post("/i18n/setlang/", {"language": "en-gb", "next": "/library/"})
    assert "Skip to main content" in client.get("/library/").content.decode()


def test_a_reader_who_has_not_chosen_gets_their_browser_s_language(client: Any) -> None:
    page = client.get("/library/", HTTP_ACCEPT_LANGUAGE="cy,en;q=0.5").content.decode()
    assert '<html lang="cy"' in page


def test_a_welsh_speaker_is_written_to_in_welsh(cast: Any, deliver: Any) -> None:
    from django.core import mail

    rhys = PersonFactory(
        organisation=cast.org, preferred_name="Rhys", email="rhys@example.test",
        contact_preference="email", preferred_language="Cymraeg",
    )  # fmt: skip
    AccessNeed.objects.create(person=rhys, kind="bsl")
    translation.activate("en-gb")  # whatever language the page that plans it speaks
    session_create(
        organisation=cast.org,
        by=cast.coordinator,
        invitees=[rhys],
        details={
            "title": "Fforwm gofalwyr",
            "kind": "forum",
            "starts_at": timezone.now() + timedelta(days=10),
            "hours": Decimal(2),
        },
    )
    message = Message.objects.get()
    assert message.language == "cy"
    deliver()
    [email] = mail.outbox
    assert email.subject == "Rydych wedi'ch gwahodd: Fforwm gofalwyr"
    assert "Helo Rhys," in email.body
    assert "Hoffai Acme Community Network i chi ddod i Fforwm gofalwyr." in email.body
    assert "I stopio'r negeseuon hyn, agorwch y ddolen hon:" in email.body
    assert "Dehonglydd Iaith Arwyddion Prydain" in email.body  # their support, in Welsh
    assert "Monday" not in email.body
    day = timezone.localtime(timezone.now() + timedelta(days=10))
    welsh_months = ["Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf",
                    "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr"]  # fmt: skip
    assert welsh_months[day.month - 1] in email.body  # the date in Welsh too


def test_a_welsh_speaker_s_own_survey_link_opens_in_welsh(cast: Any, client: Any) -> None:
    rhys = PersonFactory(organisation=cast.org, preferred_language="Welsh")
    survey = evidence.survey_create(
        organisation=cast.org,
        by=cast.coordinator,
        title="Arolwg",
        questions=[{"kind": "agree", "text": "Cefais fy nghlywed."}],
    )
    evidence.survey_set(survey=survey, by=cast.coordinator, status="open")
    [(_person, token)] = evidence.survey_links_create(
        survey=survey, by=cast.coordinator, people=[rhys]
    )
    page = client.get(f"/your-survey/{token}/").content.decode()
    assert '<html lang="cy"' in page
    # Someone who chose English with the switch keeps English.
    client.post("/i18n/setlang/", {"language": "en-gb", "next": "/"})
    assert '<html lang="en-GB"' in client.get(f"/your-survey/{token}/").content.decode()


def test_every_interface_string_has_welsh() -> None:
    """Every string in the interface has Welsh, checked rather than guessed: an entry
    makemessages marked fuzzy (a guess from a similar string) counts as missing, and
    plural entries need all four Welsh forms."""
    catalogue = polib.pofile(str(CATALOGUE))
    missing = [entry.msgid for entry in catalogue if not entry.translated()]
    assert missing == [], f"{len(missing)} without Welsh, such as: {missing[:5]}"
    for entry in catalogue:
        if entry.msgid_plural:
            assert len([f for f in entry.msgstr_plural.values() if f]) == 4, entry.msgid
        # The same placeholders in both languages, or the page would crash or say less.
        wanted = sorted(re.findall(r"%\(\w+\)s|%s", entry.msgid))
        said = entry.msgstr or entry.msgstr_plural.get(0, "")
        if entry.msgid_plural:
            wanted = sorted(set(wanted) | set(re.findall(r"%\(\w+\)s", entry.msgid_plural)))
            said = " ".join(entry.msgstr_plural.values())
            assert set(re.findall(r"%\(\w+\)s|%s", said)) <= set(wanted), entry.msgid
        else:
            assert sorted(re.findall(r"%\(\w+\)s|%s", said)) == wanted, entry.msgid


def test_the_welsh_catalogue_holds_every_string(tmp_path: Path) -> None:
    """Strings added to the code but not yet gathered into the catalogue are found."""
    copy = tmp_path / "coproduce"
    shutil.copytree(SRC, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "cy",
            "--add-location",
            "file",
            "-e",
            "html,txt,py",
            "-i",
            "migrations/*",
            "--no-obsolete",
        ],  # fmt: skip
        cwd=copy,
        check=True,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": ""},
    )
    fresh = polib.pofile(str(copy / "locale" / "cy" / "LC_MESSAGES" / "django.po"))
    kept = {entry.msgid for entry in polib.pofile(str(CATALOGUE))}
    new = [entry.msgid for entry in fresh if entry.msgid not in kept]
    assert new == [], f"not in the Welsh catalogue yet: {new[:5]}"


def test_signed_in_a_welsh_speaker_gets_welsh_until_they_switch(cast: Any, client: Any) -> None:
    from tests.factories import PASSWORD

    cast.member_person.preferred_language = "Cymraeg"
    cast.member_person.save()
    client.post("/accounts/login/", {"login": cast.member.email, "password": PASSWORD})
    assert '<html lang="cy"' in client.get("/library/").content.decode()
    client.post("/i18n/setlang/", {"language": "en-gb", "next": "/"})
    assert '<html lang="en-GB"' in client.get("/library/").content.decode()
