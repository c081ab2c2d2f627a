"""Writes for initiatives, their team and their planning tools."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.core.models import AuditAction, Organisation, User
from coproduce.core.services import audit_record
from coproduce.frameworks.models import Framework, FrameworkItem, FrameworkKind
from coproduce.initiatives.models import (
    Charter,
    CoverageClaim,
    Initiative,
    Priority,
    Stakeholder,
    TeamMember,
)

INITIATIVE_FIELDS = (
    "title",
    "summary",
    "service_area",
    "starts_on",
    "ends_on",
    "status",
    "planning",
    "delivery",
    "participation",
    "level",
)
CHARTER_FIELDS = (
    "roles",
    "commitments",
    "recognition",
    "time_limits",
    "insurance",
    "voluntariness",
)


def default_stage_framework() -> Framework:
    """The five steps, unless an organisation chooses another stages framework."""
    return Framework.objects.current().library().get(key="five-steps")


def _check_stage(
    framework: Framework, stage: FrameworkItem | None, organisation: Organisation
) -> None:
    if framework.kind != FrameworkKind.STAGES:
        raise ValidationError({"stage_framework": _("Choose a framework made of stages.")})
    if framework.organisation_id not in (None, organisation.pk):
        raise ValidationError(
            {"stage_framework": _("Choose a framework this organisation can use.")}
        )
    if stage is not None and stage.framework_id != framework.pk:
        raise ValidationError({"stage": _("Choose a stage from the chosen framework.")})


def _check_partners(organisation: Organisation, partners: Iterable[Organisation]) -> list[Any]:
    partners = list(partners)
    if any(p.pk == organisation.pk for p in partners):
        raise ValidationError(
            {"partners": _("An initiative's own organisation is not its partner.")}
        )
    return partners


@transaction.atomic
def initiative_create(
    *,
    organisation: Organisation,
    by: User,
    details: Mapping[str, Any],
    partners: Iterable[Organisation] = (),
    stage_framework: Framework | None = None,
    stage: FrameworkItem | None = None,
) -> Initiative:
    """Start an initiative: by default it follows the five steps, starting at "Map it"."""
    unknown = set(details) - set(INITIATIVE_FIELDS)
    if unknown:
        raise ValidationError({name: _("This field cannot be set here.") for name in unknown})
    framework = stage_framework or default_stage_framework()
    if stage is None and stage_framework is None:
        stage = framework.items.order_by("position").first()
    _check_stage(framework, stage, organisation)
    initiative = Initiative(
        organisation=organisation, stage_framework=framework, stage=stage, created_by=by, **details
    )
    _check_dates(initiative)
    initiative.full_clean(exclude=["organisation", "stage_framework", "stage", "created_by"])
    initiative.save()
    initiative.partners.set(_check_partners(organisation, partners))
    audit_record(
        organisation=organisation, actor=by, action=AuditAction.INITIATIVE_CREATE, target=initiative
    )
    return initiative


def _check_dates(initiative: Initiative) -> None:
    if initiative.starts_on and initiative.ends_on and initiative.ends_on < initiative.starts_on:
        raise ValidationError({"ends_on": _("The end date must be on or after the start date.")})


@transaction.atomic
def initiative_update(
    *,
    initiative: Initiative,
    by: User,
    changes: Mapping[str, Any],
    partners: Iterable[Organisation] | None = None,
    set_stage: bool = False,
    stage: FrameworkItem | None = None,
) -> Initiative:
    """Change an initiative; the stage changes only when `set_stage` is true."""
    unknown = set(changes) - set(INITIATIVE_FIELDS)
    if unknown:
        raise ValidationError({name: _("This field cannot be changed here.") for name in unknown})
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    before = {field: getattr(initiative, field) for field in INITIATIVE_FIELDS}
    for field, value in changes.items():
        setattr(initiative, field, value)
    if set_stage:
        _check_stage(initiative.stage_framework, stage, initiative.organisation)
        initiative.stage = stage
    _check_dates(initiative)
    initiative.full_clean(exclude=["organisation", "stage_framework", "stage", "created_by"])
    initiative.save()
    diff = {
        f: [str(before[f]), str(getattr(initiative, f))]
        for f in INITIATIVE_FIELDS
        if before[f] != getattr(initiative, f)
    }
    if partners is not None:
        had = sorted(initiative.partners.values_list("name", flat=True))
        initiative.partners.set(_check_partners(initiative.organisation, partners))
        now = sorted(initiative.partners.values_list("name", flat=True))
        if had != now:
            diff["partners"] = [", ".join(had), ", ".join(now)]
    audit_record(
        organisation=initiative.organisation,
        actor=by,
        action=AuditAction.INITIATIVE_UPDATE,
        target=initiative,
        changes=diff,
    )
    return initiative


@transaction.atomic
def team_member_add(*, initiative: Initiative, person: Any, role: str, by: User) -> TeamMember:
    if person.organisation_id != initiative.organisation_id:
        raise ValidationError({"person": _("Choose someone from this organisation.")})
    if TeamMember.objects.filter(
        initiative=initiative, person=person, role=role, left_on__isnull=True
    ).exists():
        raise ValidationError({"role": _("They already have this role.")})
    member = TeamMember(
        organisation=initiative.organisation, initiative=initiative, person=person, role=role
    )
    member.full_clean(exclude=["organisation", "initiative", "person"])
    member.save()
    audit_record(
        organisation=initiative.organisation,
        actor=by,
        action=AuditAction.INITIATIVE_TEAM_ADD,
        target=member,
        changes={"role": role},
        on_behalf_of=person.pk,
    )
    return member


@transaction.atomic
def team_member_leave(
    *, member: TeamMember, by: User, on: datetime.date | None = None
) -> TeamMember:
    """Record that someone left a role; the record stays, so gaps can be seen."""
    member.left_on = on or timezone.localdate()
    member.save(update_fields=["left_on"])
    audit_record(
        organisation=member.organisation,
        actor=by,
        action=AuditAction.INITIATIVE_TEAM_LEAVE,
        target=member.initiative,
        changes={"person": member.person.preferred_name, "role": member.get_role_display()},
        on_behalf_of=member.person_id,
    )
    return member


@transaction.atomic
def team_member_remove(*, member: TeamMember, by: User) -> None:
    """Take someone off the team who was added by mistake (leaving is marked instead).
    Who and which role stay in the initiative's history."""
    audit_record(
        organisation=member.organisation,
        actor=by,
        action=AuditAction.INITIATIVE_TEAM_REMOVE,
        target=member.initiative,
        changes={"person": member.person.preferred_name, "role": member.get_role_display()},
        on_behalf_of=member.person_id,
    )
    member.delete()


PlanningRow = Stakeholder | Priority
PLAN_FIELDS = {
    Stakeholder: ("name", "high_power", "high_influence", "attitude", "involved", "notes"),
    Priority: ("title", "impact", "effort", "significant_spend"),
}


def _plan_values(row: PlanningRow) -> dict[str, Any]:
    return {name: getattr(row, name) for name in PLAN_FIELDS[type(row)]}


@transaction.atomic
def _plan_save(row: PlanningRow, by: User, values: Mapping[str, Any]) -> PlanningRow:
    """Add a row to a planning tool, or correct one; the change and what it was before
    are kept in the initiative's history."""
    unknown = set(values) - set(PLAN_FIELDS[type(row)])
    if unknown:
        raise ValidationError({name: _("This field cannot be set here.") for name in unknown})
    adding = row.pk is None
    before = _plan_values(row)
    for field, value in values.items():
        setattr(row, field, value)
    row.full_clean(exclude=["organisation", "initiative"])
    row.save()
    after = _plan_values(row)
    audit_record(
        organisation=row.organisation,
        actor=by,
        action=AuditAction.INITIATIVE_PLAN_ADD if adding else AuditAction.INITIATIVE_PLAN_CHANGE,
        target=row.initiative,
        changes={
            "tool": row._meta.model_name,
            "row": str(row),
            **{
                name: after[name] if adding else [before[name], after[name]]
                for name in after
                if adding or before[name] != after[name]
            },
        },
    )
    return row


@transaction.atomic
def stakeholder_save(
    *,
    initiative: Initiative,
    by: User,
    values: Mapping[str, Any],
    stakeholder: Stakeholder | None = None,
) -> Stakeholder:
    stakeholder = stakeholder or Stakeholder(
        organisation=initiative.organisation, initiative=initiative
    )
    _plan_save(stakeholder, by, values)
    return stakeholder


@transaction.atomic
def priority_save(
    *, initiative: Initiative, by: User, values: Mapping[str, Any], priority: Priority | None = None
) -> Priority:
    priority = priority or Priority(organisation=initiative.organisation, initiative=initiative)
    _plan_save(priority, by, values)
    return priority


@transaction.atomic
def planning_row_remove(*, row: PlanningRow, by: User) -> None:
    """Take a row out of a planning tool; what it said stays in the initiative's history."""
    audit_record(
        organisation=row.organisation,
        actor=by,
        action=AuditAction.INITIATIVE_PLAN_REMOVE,
        target=row.initiative,
        changes={"tool": row._meta.model_name, "row": str(row), **_plan_values(row)},
    )
    row.delete()


@transaction.atomic
def charter_save(*, initiative: Initiative, by: User, values: Mapping[str, Any]) -> Charter:
    unknown = set(values) - set(CHARTER_FIELDS)
    if unknown:
        raise ValidationError({name: _("This field cannot be set here.") for name in unknown})
    charter, _created = Charter.objects.get_or_create(
        initiative=initiative, defaults={"organisation": initiative.organisation}
    )
    before = {field: getattr(charter, field) for field in CHARTER_FIELDS}
    for field, value in values.items():
        setattr(charter, field, value.strip())
    charter.updated_by = by
    charter.full_clean(exclude=["organisation", "initiative", "updated_by"])
    charter.save()
    audit_record(
        organisation=initiative.organisation,
        actor=by,
        action=AuditAction.INITIATIVE_CHARTER,
        target=charter,
        # What each changed part said before and after, so a change can be undone.
        changes={
            field: [before[field], getattr(charter, field)]
            for field in CHARTER_FIELDS
            if before[field] != getattr(charter, field)
        },
    )
    return charter


def four_cos_items() -> list[FrameworkItem]:
    """The four Co's and their sub-types, from the current shared framework."""
    return list(
        FrameworkItem.objects.filter(
            framework__key="four-cos",
            framework__is_current=True,
            framework__organisation__isnull=True,
        ).order_by("position")
    )


@transaction.atomic
def coverage_set(
    *, initiative: Initiative, by: User, items: Iterable[FrameworkItem]
) -> list[CoverageClaim]:
    """Say which Co's and sub-types the initiative covers; replaces the earlier answer."""
    allowed = {item.pk for item in four_cos_items()}
    items = list(items)
    if any(item.pk not in allowed for item in items):
        raise ValidationError({"items": _("Choose from the four Co's and their sub-types.")})
    CoverageClaim.objects.filter(initiative=initiative).delete()
    claims = CoverageClaim.objects.bulk_create(
        CoverageClaim(organisation=initiative.organisation, initiative=initiative, item=item)
        for item in items
    )
    audit_record(
        organisation=initiative.organisation,
        actor=by,
        action=AuditAction.INITIATIVE_COVERAGE,
        target=initiative,
        changes={"items": [item.key for item in items]},
    )
    return claims
