"""Writes for sessions: planning them and the register (imports: import_services)."""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.core.errors import conflict
from coproduce.core.models import AuditAction, Organisation, User
from coproduce.core.services import audit_record
from coproduce.people.models import Person
from coproduce.people.services import person_create
from coproduce.sessions import invitations
from coproduce.sessions.models import AgendaItem, Attendance, RoleOnDay, Session

# Sessions happen in living memory: anything outside this is a typing slip.
EARLIEST_YEAR, LATEST_YEAR = 1900, 2200

SESSION_FIELDS = (
    "title",
    "kind",
    "starts_at",
    "hours",
    "venue",
    "venue_access",
    "online_link",
    "co",
    "rung",
    "shares_lived_experience",
    "debrief_offered",
    "follow_up_owed",
)


def _check_plan(
    organisation: Organisation, details: Mapping[str, Any], invitees: list[Person], initiative: Any
) -> None:
    if any(p.organisation_id != organisation.pk for p in invitees):
        raise ValidationError({"invitees": _("Invite people from this organisation.")})
    if initiative is not None and initiative.organisation_id != organisation.pk:
        raise ValidationError({"initiative": _("Choose an initiative of this organisation.")})
    starts_at = details.get("starts_at")
    if starts_at is not None and not EARLIEST_YEAR <= starts_at.year <= LATEST_YEAR:
        raise ValidationError(
            {
                "starts_at": _("Enter a date between the years %(first)s and %(last)s.")
                % {"first": EARLIEST_YEAR, "last": LATEST_YEAR}
            }
        )


@transaction.atomic
def session_create(
    *,
    organisation: Organisation,
    by: User,
    details: Mapping[str, Any],
    invitees: Iterable[Person] = (),
    initiative: Any = None,
) -> Session:
    invitees = list(invitees)
    _check_plan(organisation, details, invitees, initiative)
    session = Session(
        organisation=organisation,
        initiative=initiative,
        created_by=by,
        **{k: v for k, v in details.items() if k in SESSION_FIELDS},
    )
    session.full_clean(exclude=["organisation", "initiative", "created_by"])
    session.save()
    session.invitees.set(invitees)
    audit_record(
        organisation=organisation, actor=by, action=AuditAction.SESSION_CREATE, target=session
    )
    invitations.after_planning(
        session, by=by, invited={p.pk for p in invitees}, uninvited=set(), moved=False
    )
    return session


def _shown(value: Any) -> str:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    return "" if value is None else str(value)


@transaction.atomic
def session_update(
    *,
    session: Session,
    by: User,
    details: Mapping[str, Any],
    invitees: Iterable[Person],
    initiative: Any = None,
) -> Session:
    """Change a planned session: move it, change the venue, invite more people. What
    changed is kept in its history, from what to what."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.cancelled_at is not None:
        raise conflict("session", _("This session is cancelled. Copy it to plan it again."))
    invitees = list(invitees)
    _check_plan(session.organisation, details, invitees, initiative)
    before = {f: getattr(session, f) for f in SESSION_FIELDS}
    before_initiative = session.initiative_id
    for name, value in details.items():
        if name in SESSION_FIELDS:
            setattr(session, name, value)
    session.initiative = initiative
    session.full_clean(exclude=["organisation", "initiative", "created_by"])
    session.save()
    had = set(session.invitees.values_list("pk", flat=True))
    session.invitees.set(invitees)
    wanted = {p.pk for p in invitees}
    changes: dict[str, Any] = {
        name: [_shown(old), _shown(getattr(session, name))]
        for name, old in before.items()
        if old != getattr(session, name)
    }
    if before_initiative != session.initiative_id:
        changes["initiative"] = [before_initiative, session.initiative_id]
    if wanted - had:
        changes["invited"] = len(wanted - had)
    if had - wanted:
        changes["no_longer_invited"] = len(had - wanted)
    if changes:
        audit_record(
            organisation=session.organisation,
            actor=by,
            action=AuditAction.SESSION_CHANGE,
            target=session,
            changes=changes,
        )
    invitations.after_planning(
        session,
        by=by,
        invited=wanted - had,
        uninvited=had - wanted,
        moved=any(name in changes for name in invitations.MOVES),
    )
    return session


@transaction.atomic
def session_cancel(*, session: Session, by: User, reason: str) -> Session:
    """Cancel a session, saying why. It stays in the list, marked cancelled."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.cancelled_at is not None:
        raise conflict("session", _("This session is cancelled already."))
    if session.attendance.exists():
        raise conflict(
            "session",
            _(
                "The register has been taken for this session, so it happened and cannot be cancelled."
            ),
        )
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why it is cancelled, so people can be told.")})
    session.cancelled_at = timezone.now()
    session.cancel_reason = reason[:300]
    session.save(update_fields=["cancelled_at", "cancel_reason"])
    audit_record(
        organisation=session.organisation,
        actor=by,
        action=AuditAction.SESSION_CANCEL,
        target=session,
        changes={"reason": session.cancel_reason},
    )
    invitations.after_cancel(session, by=by)
    return session


AFTER_FIELDS = ("debrief_offered", "debrief_notes", "follow_up_owed")


@transaction.atomic
def session_debrief(*, session: Session, by: User, values: Mapping[str, Any]) -> Session:
    """After the session: whether a debrief was offered, how it went, and what is owed to
    people. What changed is kept in its history."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    unknown = set(values) - set(AFTER_FIELDS)
    if unknown:
        raise ValidationError({name: _("This field cannot be set here.") for name in unknown})
    before = {f: getattr(session, f) for f in AFTER_FIELDS}
    for name, value in values.items():
        setattr(session, name, value.strip() if isinstance(value, str) else value)
    session.full_clean(exclude=["organisation", "initiative", "created_by"])
    session.save(update_fields=list(AFTER_FIELDS))
    changed = {
        f: [before[f], getattr(session, f)]
        for f in AFTER_FIELDS
        if before[f] != getattr(session, f)
    }
    if changed:
        audit_record(
            organisation=session.organisation,
            actor=by,
            action=AuditAction.SESSION_DEBRIEF,
            target=session,
            changes=changed,
        )
    return session


def agenda_item_add(*, session: Session, by: User, title: str, proposed_by: str) -> AgendaItem:
    item = AgendaItem(
        organisation=session.organisation,
        session=session,
        title=title.strip(),
        proposed_by=proposed_by,
        position=session.agenda.count() + 1,
    )
    item.full_clean(exclude=["organisation", "session"])
    item.save()
    return item


@dataclass(frozen=True)
class RegisterResult:
    present: int
    newcomers: int
    removed: int


@transaction.atomic
def register_save(
    *, session: Session, by: User, present: Iterable[Person], newcomers: Iterable[str] = ()
) -> RegisterResult:
    """Record exactly who came. Newcomers get a person record there and then."""
    if session.cancelled_at is not None:
        raise conflict("session", _("This session was cancelled, so it has no register."))
    present = list(present)
    if any(p.organisation_id != session.organisation_id for p in present):
        raise ValidationError({"present": _("Tick people from this organisation.")})
    # Names pasted from elsewhere can carry invisible control characters; they go.
    cleaned = ("".join(ch for ch in name if unicodedata.category(ch) != "Cc") for name in newcomers)
    names = [name.strip()[:100] for name in cleaned if name.strip()]
    created = [
        person_create(organisation=session.organisation, by=by, details={"preferred_name": name})
        for name in names
    ]
    wanted = {p.pk for p in present} | {p.pk for p in created}
    # Attendance that recognition was given or proposed for cannot just vanish: the
    # award (and any payment) rests on it. It is reversed in Recognition first.
    recognised = sorted(
        Attendance.objects.filter(session=session, award__isnull=False)
        .exclude(person_id__in=wanted)
        .values_list("person__preferred_name", flat=True)
    )
    if recognised:
        raise conflict(
            "present",
            _(
                "Recognition has been given or proposed for %(names)s at this session. "
                "Decline or reverse it in Recognition before taking them off the register."
            )
            % {"names": ", ".join(recognised)},
        )
    existing = set(Attendance.objects.filter(session=session).values_list("person_id", flat=True))
    removed, _detail = (
        Attendance.objects.filter(session=session).exclude(person_id__in=wanted).delete()
    )
    Attendance.objects.bulk_create(
        Attendance(
            organisation=session.organisation, session=session, person_id=pk, hours=session.hours
        )
        for pk in sorted(wanted - existing)
    )
    audit_record(
        organisation=session.organisation,
        actor=by,
        action=AuditAction.SESSION_REGISTER,
        target=session,
        changes={"present": len(wanted), "newcomers": len(created)},
    )
    return RegisterResult(present=len(wanted), newcomers=len(created), removed=removed)


@dataclass(frozen=True)
class AttendanceDetail:
    attendance_id: int
    hours: Decimal
    role: str
    spoke: bool


@transaction.atomic
def attendance_details_save(
    *, session: Session, by: User, details: Iterable[AttendanceDetail]
) -> int:
    """Set hours, role on the day and whether each person spoke; all rows or none."""
    rows = {a.pk: a for a in Attendance.objects.select_for_update().filter(session=session)}
    changed = []
    for detail in details:
        attendance = rows.get(detail.attendance_id)
        if attendance is None:
            raise ValidationError({"attendance": _("That person is not on this register.")})
        if not Decimal("0") <= detail.hours <= Decimal("24"):
            raise ValidationError(
                {f"hours-{detail.attendance_id}": _("Hours must be from 0 to 24.")}
            )
        if detail.role not in RoleOnDay.values:
            raise ValidationError({f"role-{detail.attendance_id}": _("Choose a role.")})
        attendance.hours, attendance.role, attendance.spoke = (
            detail.hours,
            detail.role,
            detail.spoke,
        )
        changed.append(attendance)
    Attendance.objects.bulk_update(changed, ["hours", "role", "spoke"])
    audit_record(
        organisation=session.organisation,
        actor=by,
        action=AuditAction.SESSION_ATTENDANCE,
        target=session,
        changes={"rows": len(changed)},
    )
    return len(changed)
