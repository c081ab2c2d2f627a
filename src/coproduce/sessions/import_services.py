"""Importing attendance from a spreadsheet, finding each person the way people know them.

A register kept on paper or in a spreadsheet names people, not record numbers. Each row
says who came by their record number, email, phone or name (any of them, in the
`person` column or in columns of their own), and every identifier given must point at
the same one person. A row that fits nobody, or fits several people, is reported with
what would settle it; nothing is guessed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from coproduce.core.ids import id_or_none, ids_in
from coproduce.core.imports import ImportReport, Row, RowError, read_table
from coproduce.core.models import AuditAction, Organisation, User
from coproduce.core.services import audit_record
from coproduce.people.import_queries import phone_key
from coproduce.people.models import Person
from coproduce.sessions.models import Attendance, RoleOnDay, Session

WHO_COLUMNS = ("person", "email", "phone", "name")
OPTIONAL_COLUMNS = (*WHO_COLUMNS, "hours", "role")


@dataclass
class PeopleIndex:
    """The organisation's people (erased people left out) by each way of naming them."""

    ids: set[int] = field(default_factory=set)
    emails: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    phones: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    names: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))

    @classmethod
    def of(cls, organisation: Organisation) -> PeopleIndex:
        index = cls()
        rows = Person.objects.filter(organisation=organisation, erased_at__isnull=True)
        for pk, preferred, full, email, phone in rows.values_list(
            "pk", "preferred_name", "full_name", "email", "phone"
        ).iterator(chunk_size=5000):
            index.ids.add(pk)
            if email:
                index.emails[email.strip().lower()].add(pk)
            if len(phone_key(phone)) >= 10:
                index.phones[phone_key(phone)].add(pk)
            for name in {_name_key(preferred), _name_key(full)} - {""}:
                index.names[name].add(pk)
        return index


def _name_key(name: str) -> str:
    return " ".join(name.lower().split())


def _clues(row: Row) -> list[tuple[str, str, str]]:
    """(column, kind, value) for every identifier on the row. The `person` column may
    hold any kind: a number, an email, a phone number or a name."""
    clues = []
    person = row.get("person")
    if person:
        if id_or_none(person) is not None:
            kind = "id"
        elif "@" in person:
            kind = "email"
        elif len(phone_key(person)) >= 10:
            kind = "phone"
        else:
            kind = "name"
        clues.append(("person", kind, person))
    clues.extend((column, column, row.get(column)) for column in WHO_COLUMNS[1:] if row.get(column))
    return clues


def _matches(index: PeopleIndex, kind: str, value: str) -> set[int]:
    if kind == "id":
        number = id_or_none(value)
        return {number} if number in index.ids else set()
    if kind == "email":
        return set(index.emails.get(value.strip().lower(), ()))
    if kind == "phone":
        return set(index.phones.get(phone_key(value), ())) if len(phone_key(value)) >= 10 else set()
    return set(index.names.get(_name_key(value), ()))


def person_for_row(index: PeopleIndex, row: Row) -> int | RowError:
    """The one person the row names, or why it cannot be said who."""
    clues = _clues(row)
    if not clues:
        return RowError(row.number, "person", _("Say who came: their email, phone number or name."))
    found: set[int] | None = None
    for column, kind, value in clues:
        matches = _matches(index, kind, value)
        if not matches:
            return RowError(
                row.number,
                column,
                _('Nobody in this organisation has the %(what)s "%(value)s".')
                % {"what": _kind_words(kind), "value": value},
            )
        found = matches if found is None else found & matches
    assert found is not None
    if not found:
        return RowError(
            row.number,
            clues[0][0],
            _("The details on this row belong to different people. Check them."),
        )
    if len(found) > 1:
        return RowError(
            row.number,
            clues[0][0],
            _(
                "%(count)s people fit this row. Add their email or phone number to say "
                "which one came."
            )
            % {"count": len(found)},
        )
    return found.pop()


def _kind_words(kind: str) -> str:
    return {
        "id": _("record number"),
        "email": _("email address"),
        "phone": _("phone number"),
        "name": _("name"),
    }[kind]


def _hours(value: str, default: Decimal) -> Decimal | None:
    if not value:
        return default
    try:
        number = Decimal(value)
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() and Decimal("0") <= number <= Decimal("24") else None


def _role(text: str) -> str | None:
    """The role on the day from its name or its label, in any case ("Note-taker")."""
    if not text:
        return RoleOnDay.PARTICIPANT
    key = re.sub(r"[\s_-]+", " ", text.strip().lower())
    for value, label in RoleOnDay.choices:
        if key in (value.replace("_", " "), re.sub(r"[\s_-]+", " ", str(label).lower())):
            return value
    return None


@dataclass
class _Batch:
    organisation: Organisation
    sessions: dict[int, Decimal]
    index: PeopleIndex
    already: set[tuple[int, int]]
    fixed_session: int | None
    seen: dict[tuple[int, int], int] = field(default_factory=dict)
    valid: list[Attendance] = field(default_factory=list)

    def check(self, row: Row) -> list[RowError]:
        errors: list[RowError] = []
        session_id = self._session(row, errors)
        who = person_for_row(self.index, row)
        if isinstance(who, RowError):
            errors.append(who)
        hours = _hours(row.get("hours"), self.sessions.get(session_id or 0, Decimal("0")))
        if hours is None:
            errors.append(
                RowError(
                    row.number,
                    "hours",
                    _('Hours must be a number from 0 to 24, not "%(value)s".')
                    % {"value": row.get("hours")},
                )
            )
        role = _role(row.get("role"))
        if role is None:
            errors.append(
                RowError(
                    row.number,
                    "role",
                    _('"%(value)s" is not a role. Use one of: %(roles)s.')
                    % {"value": row.get("role"), "roles": ", ".join(RoleOnDay.values)},
                )
            )
        if errors or session_id is None or hours is None or role is None:
            return errors
        assert not isinstance(who, RowError)
        return self._keep(row.number, (session_id, who), hours, role)

    def _session(self, row: Row, errors: list[RowError]) -> int | None:
        text = row.get("session")
        if self.fixed_session is not None and not text:
            return self.fixed_session
        number = id_or_none(text)
        if number in self.sessions and self.fixed_session in (None, number):
            return number
        errors.append(
            RowError(
                row.number,
                "session",
                _("No session %(value)s in this organisation.") % {"value": text or _("(empty)")}
                if self.fixed_session is None
                else _("This import is for one session; leave the session column empty."),
            )
        )
        return None

    def _keep(self, number: int, key: tuple[int, int], hours: Decimal, role: str) -> list[RowError]:
        if key in self.already:
            return [RowError(number, "person", _("Already recorded as attending this session."))]
        if key in self.seen:
            return [
                RowError(
                    number,
                    "person",
                    _("The same person and session are on row %(row)s too.")
                    % {"row": self.seen[key]},
                )
            ]
        self.seen[key] = number
        self.valid.append(
            Attendance(
                organisation=self.organisation,
                session_id=key[0],
                person_id=key[1],
                hours=hours,
                role=role,
            )
        )
        return []


def _sessions(
    organisation: Organisation, rows: Iterable[Row], fixed: Session | None
) -> dict[int, Decimal]:
    wanted = {fixed.pk} if fixed else set(ids_in(r.get("session") for r in rows))
    return dict(
        Session.objects.filter(
            organisation=organisation, pk__in=wanted, cancelled_at__isnull=True
        ).values_list("pk", "hours")
    )


@transaction.atomic
def attendance_import(
    *, organisation: Organisation, by: User | None, data: bytes, session: Session | None = None
) -> ImportReport:
    """Import attendance from CSV or XLSX: every row is checked first, and one bad row
    saves nothing.

    Columns: session (its number; left out when importing for one session), who came
    (person, email, phone or name), and if you like hours (the session's length when
    empty) and role.
    """
    report = ImportReport()
    required = () if session else ("session",)
    optional = OPTIONAL_COLUMNS + (("session",) if session else ())
    table = read_table(data, required=required, optional=optional)
    if isinstance(table, RowError):
        report.errors.append(table)
        return report
    if not set(WHO_COLUMNS) & set(table.headers):
        report.errors.append(
            RowError(
                1,
                "headers",
                _("Add a column that says who came: person, email, phone or name."),
            )
        )
        return report
    report.rows = len(table.rows)
    sessions = _sessions(organisation, table.rows, session)
    batch = _Batch(
        organisation=organisation,
        sessions=sessions,
        index=PeopleIndex.of(organisation),
        already=set(
            Attendance.objects.filter(session_id__in=sessions).values_list(
                "session_id", "person_id"
            )
        ),
        fixed_session=session.pk if session else None,
    )
    for row in table.rows:
        report.errors.extend(batch.check(row))
    if report.errors:
        return report
    Attendance.objects.bulk_create(batch.valid, batch_size=1000)
    report.saved = len(batch.valid)
    audit_record(
        organisation=organisation,
        actor=by,
        action=AuditAction.ATTENDANCE_IMPORT,
        target=session or organisation,
        changes={"rows": report.saved},
    )
    return report
