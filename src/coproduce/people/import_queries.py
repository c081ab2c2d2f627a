"""Reads for bringing people in from a spreadsheet: what each row would become, the rows
that must be fixed first, and the rows that may be someone already here."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from coproduce.core.imports import RowError
from coproduce.core.kept import remembered
from coproduce.people.models import AccessNeedKind, ContactPreference, PeopleImport, Person

# Our fields, in the order they are asked about, with the words people see.
IMPORT_FIELDS = {
    "preferred_name": gettext_lazy("Preferred name"),
    "full_name": gettext_lazy("Full name"),
    "pronouns": gettext_lazy("Pronouns"),
    "email": gettext_lazy("Email address"),
    "phone": gettext_lazy("Phone number"),
    "contact_preference": gettext_lazy("Best way to get in touch"),
    "preferred_language": gettext_lazy("Preferred language"),
    "access_needs": gettext_lazy("Access needs"),
    "access_notes": gettext_lazy("Anything else that helps them take part"),
}
# Column names that usually hold each field, lower case, for the first guess.
GUESSES = {
    "preferred_name": ("preferred name", "known as", "first name", "forename", "name"),
    "full_name": ("full name", "name", "surname and forename"),
    "pronouns": ("pronouns",),
    "email": ("email", "email address", "e-mail", "e-mail address"),
    "phone": ("phone", "phone number", "mobile", "telephone", "tel", "mobile number"),
    "contact_preference": ("contact preference", "best way to get in touch", "contact by"),
    "preferred_language": ("language", "preferred language"),
    "access_needs": ("access needs", "access", "support needs"),
    "access_notes": ("access notes", "notes", "anything else"),
}
# The longest each field may be (the model's limits).
LIMITS = {
    "preferred_name": 100,
    "full_name": 200,
    "pronouns": 40,
    "phone": 30,
    "preferred_language": 60,
}


def guess_columns(headers: list[str]) -> dict[str, str]:
    """Our best guess at which column holds what; each column is used once."""
    found: dict[str, str] = {}
    lowered = {h.lower(): h for h in headers}
    for name, words in GUESSES.items():
        for word in words:
            column = lowered.get(word)
            if column and column not in found.values():
                found[name] = column
                break
    return found


def _words(choices: Any) -> dict[str, str]:
    """Each choice by its value and by its words, lower case."""
    return {
        **{str(value).lower(): value for value, _label in choices},
        **{str(label).lower(): value for value, label in choices},
    }


CONTACT_WORDS = _words(ContactPreference.choices) | {
    "text": ContactPreference.TEXT,
    "sms": ContactPreference.TEXT,
    "letter": ContactPreference.POST,
    "phone": ContactPreference.PHONE,
}
NEED_WORDS = _words(AccessNeedKind.choices) | {
    "bsl": AccessNeedKind.BSL,
    "easy read": AccessNeedKind.EASY_READ,
    "step free": AccessNeedKind.STEP_FREE,
    "wheelchair access": AccessNeedKind.STEP_FREE,
    "hearing loop": AccessNeedKind.HEARING_LOOP,
    "large print": AccessNeedKind.LARGE_PRINT,
}


def phone_key(phone: str) -> str:
    """The last ten digits, so 07700 900123 and +44 7700 900123 match."""
    return re.sub(r"\D", "", phone)[-10:]


# How often a long check says how far it has got, in rows.
PROGRESS_EVERY = 2000


@dataclass
class Ready:
    row: int
    details: dict[str, str]
    needs: list[str]


@dataclass
class Duplicate:
    row: int
    name: str
    person: Person
    why: str


@dataclass
class Checked:
    rows: int = 0
    ready: list[Ready] = field(default_factory=list)
    problems: list[RowError] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)


def _row_details(cells: dict[str, str], columns: dict[str, str]) -> dict[str, str]:
    return {name: cells.get(column, "").strip() for name, column in columns.items() if column}


def _clean(number: int, found: dict[str, str]) -> tuple[dict[str, str], list[str], list[RowError]]:
    """A row's details as a person's fields, its access needs, and what is wrong."""
    problems = []
    details = {k: v for k, v in found.items() if k != "access_needs" and v}
    if not details.get("preferred_name") and details.get("full_name"):
        details["preferred_name"] = details["full_name"].split()[0]
    if not details.get("preferred_name"):
        problems.append(RowError(number, "preferred_name", _("A name is needed.")))
    for name, limit in LIMITS.items():
        if len(details.get(name, "")) > limit:
            problems.append(
                RowError(number, name, _("Too long: %(n)s characters at most.") % {"n": limit})
            )
    if details.get("email"):
        details["email"] = details["email"].lower()
        try:
            validate_email(details["email"])
        except ValidationError:
            problems.append(RowError(number, "email", _("Not an email address.")))
    if details.get("contact_preference"):
        chosen = CONTACT_WORDS.get(details["contact_preference"].lower())
        if chosen is None:
            problems.append(RowError(number, "contact_preference", _("Not a way we know.")))
        else:
            details["contact_preference"] = chosen
    needs = []
    for word in re.split(r"[;,]", found.get("access_needs", "")):
        if word.strip():
            need = NEED_WORDS.get(word.strip().lower())
            if need is None:
                problems.append(
                    RowError(
                        number,
                        "access_needs",
                        _("“%(need)s” is not an access need we know; put it in the notes.")
                        % {"need": word.strip()},
                    )
                )
            else:
                needs.append(need)
    return details, sorted(set(needs)), problems


Cleaned = list[tuple[Ready, list[RowError]]]


def _cleaned(batch: PeopleImport, progress: Callable[[int, int], None] | None) -> Cleaned:
    """Every row as it would be imported, with what is wrong with it on its own and
    against the file's other rows: what the file and the chosen columns say, whoever is
    in the organisation."""
    rows = []
    seen_email: dict[str, int] = {}
    for done, (number, values) in enumerate(batch.rows):
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(done, len(batch.rows))
        cells = dict(zip(batch.headers, values, strict=False))
        details, needs, problems = _clean(number, _row_details(cells, batch.columns))
        email = details.get("email", "")
        if email and not problems:
            if email in seen_email:
                problems.append(
                    RowError(
                        number,
                        "email",
                        _("The same email address as row %(row)s.") % {"row": seen_email[email]},
                    )
                )
            seen_email.setdefault(email, number)
        rows.append((Ready(number, details, needs), problems))
    return rows


def _kept_cleaned(batch: PeopleImport) -> Cleaned:
    """The cleaned rows, kept by this worker while the coordinator looks them over: a
    file's rows never change, so only the columns chosen and the language are asked."""
    columns = json.dumps(batch.columns, sort_keys=True)
    parts = (batch.pk, batch.created_at.isoformat(), columns, get_language())
    # Shared, not copied: nothing changes the cleaned rows once they are made.
    return remembered("people-import", parts, lambda: _cleaned(batch, None), shared=True)


def import_check(
    batch: PeopleImport, progress: Callable[[int, int], None] | None = None, kept: bool = False
) -> Checked:
    """Every row of the file as it would be imported, with the problems that stop the
    import and the rows that may be someone already in the organisation. `progress`, if
    given, hears (rows done, rows in all) every few thousand rows. `kept` (for the page
    that shows the check) reuses the file's cleaned rows from an earlier visit; the
    people already here are read afresh every time."""
    rows = _kept_cleaned(batch) if kept else _cleaned(batch, progress)
    people = Person.objects.filter(organisation_id=batch.organisation_id, erased_at__isnull=True)
    by_email: dict[str, Person] = {}
    by_phone: dict[str, Person] = {}
    by_name: dict[str, Person] = {}
    for person in people.only("pk", "preferred_name", "full_name", "email", "phone"):
        if person.email:
            by_email.setdefault(person.email.lower(), person)
        if phone_key(person.phone):
            by_phone.setdefault(phone_key(person.phone), person)
        by_name.setdefault((person.full_name or person.preferred_name).casefold(), person)
    checked = Checked(rows=len(rows))
    for row, problems in rows:
        if problems:
            checked.problems += problems
            continue
        match, why = _match(row.details, by_email, by_phone, by_name)
        if match is not None:
            checked.duplicates.append(Duplicate(row.row, row.details["preferred_name"], match, why))
        checked.ready.append(row)
    return checked


def _match(
    details: dict[str, str],
    by_email: dict[str, Person],
    by_phone: dict[str, Person],
    by_name: dict[str, Person],
) -> tuple[Person | None, str]:
    if details.get("email") and details["email"] in by_email:
        return by_email[details["email"]], _("the same email address")
    key = phone_key(details.get("phone", ""))
    if key and key in by_phone:
        return by_phone[key], _("the same phone number")
    name = (details.get("full_name") or details.get("preferred_name", "")).casefold()
    if name and name in by_name:
        return by_name[name], _("the same name")
    return None, ""
