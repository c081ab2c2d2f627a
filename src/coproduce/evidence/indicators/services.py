"""Writes for indicators, periods and their figures, including imports from a spreadsheet."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from coproduce.core.errors import conflict
from coproduce.core.imports import ImportReport, RowError, Table, read_table
from coproduce.core.models import AuditAction, Organisation, User
from coproduce.core.services import audit_record
from coproduce.evidence.models import EvidenceSettings, Indicator, Observation, Period
from coproduce.evidence.versions import evidence_changed

INDICATOR_FIELDS = ("name", "description", "unit", "direction", "baseline", "target")
MAX_VALUE = Decimal("999999999999.99")


def settings_for(organisation: Organisation) -> EvidenceSettings:
    found, _created = EvidenceSettings.objects.get_or_create(organisation=organisation)
    return found


@transaction.atomic
def settings_set(
    *, organisation: Organisation, by: User, not_recorded_threshold: Decimal
) -> EvidenceSettings:
    """Set the share of "not recorded" above which figures are flagged."""
    if not Decimal(0) <= not_recorded_threshold <= Decimal(100):
        raise ValidationError({"not_recorded_threshold": _("Enter a percentage from 0 to 100.")})
    found = settings_for(organisation)
    found.not_recorded_threshold = not_recorded_threshold
    found.save()
    audit_record(
        organisation=organisation,
        actor=by,
        action=AuditAction.EVIDENCE_SETTINGS,
        target=found,
        changes={"not_recorded_threshold": str(not_recorded_threshold)},
    )
    return found


def _check_initiative(organisation: Organisation, initiative: Any) -> None:
    if initiative is not None and initiative.organisation_id != organisation.pk:
        raise ValidationError({"initiative": _("Choose an initiative of this organisation.")})


@transaction.atomic
def indicator_save(
    *,
    organisation: Organisation,
    by: User,
    details: Mapping[str, Any],
    initiative: Any = None,
    instance: Indicator | None = None,
) -> Indicator:
    """Define an indicator, or change one; names are unique in an organisation."""
    _check_initiative(organisation, initiative)
    indicator = instance or Indicator(organisation=organisation, created_by=by)
    for name in INDICATOR_FIELDS:
        if name in details:
            setattr(indicator, name, details[name])
    indicator.name = str(indicator.name).strip()
    indicator.initiative = initiative
    if (
        Indicator.objects.filter(organisation=organisation, name__iexact=indicator.name)
        .exclude(pk=indicator.pk)
        .exists()
    ):
        raise conflict("name", _("There is already an indicator with this name."))
    indicator.full_clean(exclude=["organisation", "initiative", "created_by"])
    indicator.save()
    audit_record(
        organisation=organisation,
        actor=by,
        action=(
            AuditAction.EVIDENCE_INDICATOR
            if instance is None
            else AuditAction.EVIDENCE_INDICATOR_CHANGE
        ),
        target=indicator,
    )
    return indicator


def period_create(
    *, organisation: Organisation, by: User, label: str, starts_on: Any, ends_on: Any
) -> Period:
    """Add a reporting period."""
    label = label.strip()
    if Period.objects.filter(organisation=organisation, label__iexact=label).exists():
        raise conflict("label", _("There is already a period with this label."))
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The last day must be on or after the first day.")})
    period = Period(organisation=organisation, label=label, starts_on=starts_on, ends_on=ends_on)
    period.full_clean(exclude=["organisation"])
    period.save()
    return period


# -- Figures, one breakdown at a time (the grid) ---------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One row of figures as typed: category, figure and the published share."""

    category: str
    value: str
    share: str = ""


_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")


def parse_number(raw: str) -> Decimal | None:
    """A figure as people type it: "4541", "4,541" or "12.5"; None if it is not one."""
    text = raw.strip()
    if _THOUSANDS.match(text):
        text = text.replace(",", "")
    if not re.fullmatch(r"-?\d+(\.\d+)?", text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _value_problem(raw: str) -> tuple[Decimal | None, str]:
    number = parse_number(raw)
    if number is None:
        return None, _('"%(value)s" is not a number. Enter figures like 4541 or 12.5.') % {
            "value": raw.strip()[:40]
        }
    if number < 0:
        return None, _("A figure cannot be negative.")
    if number > MAX_VALUE or number != number.quantize(Decimal("0.01")):
        return None, _("Enter a figure below a trillion, with at most 2 decimal places.")
    return number, ""


def _share_problem(raw: str) -> tuple[Decimal | None, str]:
    text = raw.strip().rstrip("%").strip()
    if not text:
        return None, ""
    number = parse_number(text)
    if number is None or not Decimal(0) <= number <= Decimal(100):
        return None, _('The share must be a percentage from 0 to 100, not "%(value)s".') % {
            "value": raw.strip()[:40]
        }
    if number != number.quantize(Decimal("0.01")):
        return None, _("Give the share to at most 2 decimal places.")
    return number, ""


def is_total(category: str) -> bool:
    """A row called Total is a total as it was published, checked against its parts."""
    return category.strip().lower() in {"total", "totals", "all"}


def _observation(
    indicator: Indicator, period: Period, dimension: str, row: Any, by: User
) -> Observation:
    category, figure, stated = row
    return Observation(
        organisation_id=indicator.organisation_id,
        indicator=indicator,
        period=period,
        dimension=dimension,
        category=category,
        value=figure,
        stated_share=stated,
        is_total=is_total(category),
        recorded_by=by,
    )


def check_row(number: int, category: str, value: str, share: str) -> tuple[Any, list[RowError]]:
    errors = []
    category = " ".join(category.split())
    if len(category) > 120:
        errors.append(RowError(number, "category", _("Keep a category under 120 characters.")))
    figure, problem = _value_problem(value)
    if problem:
        errors.append(RowError(number, "value", problem))
    stated, problem = _share_problem(share)
    if problem:
        errors.append(RowError(number, "share", problem))
    return (category, figure, stated), errors


@transaction.atomic
def observations_replace(
    *, indicator: Indicator, period: Period, by: User, dimension: str, entries: Iterable[Entry]
) -> ImportReport:
    """Set one period's figures for one breakdown: every row is checked first, and one bad
    row saves nothing, so figures already saved are never lost to a typing slip."""
    if period.organisation_id != indicator.organisation_id:
        raise ValidationError({"period": _("Choose a period of this organisation.")})
    dimension = " ".join(dimension.split())[:60]
    report = ImportReport()
    seen: dict[str, int] = {}
    rows: list[Observation] = []
    for number, entry in enumerate(entries, start=1):
        if not entry.category.strip() and not entry.value.strip() and not entry.share.strip():
            continue  # an empty row of the grid
        report.rows += 1
        checked, errors = check_row(number, entry.category, entry.value, entry.share)
        category = checked[0]
        if not category and dimension:
            errors.append(RowError(number, "category", _("Name the category.")))
        key = category.lower()
        if key in seen:
            errors.append(
                RowError(
                    number,
                    "category",
                    _("%(category)s is on row %(row)s too.")
                    % {"category": category, "row": seen[key]},
                )
            )
        seen.setdefault(key, number)
        report.errors.extend(errors)
        if not errors:
            rows.append(_observation(indicator, period, dimension, checked, by))
    if report.errors:
        return report
    Observation.objects.filter(indicator=indicator, period=period, dimension=dimension).delete()
    Observation.objects.bulk_create(rows)
    evidence_changed(indicator.organisation_id)
    report.saved = len(rows)
    audit_record(
        organisation=indicator.organisation,
        actor=by,
        action=AuditAction.EVIDENCE_FIGURES,
        target=indicator,
        changes={"period": period.label, "breakdown": dimension, "rows": report.saved},
    )
    return report


# -- Import from CSV or a spreadsheet -------------------------------------------------------

REQUIRED_COLUMNS = ("period", "value")
OPTIONAL_COLUMNS = ("breakdown", "category", "share")


def figures_table(data: bytes) -> Table | RowError:
    """The figures in a CSV or .xlsx file (see core/imports.py), or why they cannot be read."""
    return read_table(data, required=REQUIRED_COLUMNS, optional=OPTIONAL_COLUMNS)


@transaction.atomic
def observations_import(*, indicator: Indicator, by: User, data: bytes) -> ImportReport:
    """Import figures from CSV or XLSX, all or nothing, with a report naming each bad row.

    Columns: period (a period's label), value, and optionally breakdown, category and
    share (the published percentage). A category called Total is a stated total.
    """
    report = ImportReport()
    table = figures_table(data)
    if isinstance(table, RowError):
        report.errors.append(table)
        return report
    report.rows = len(table.rows)
    periods = {
        p.label.lower(): p for p in Period.objects.filter(organisation=indicator.organisation)
    }
    existing = set(
        Observation.objects.filter(indicator=indicator).values_list(
            "period_id", "dimension", "category"
        )
    )
    existing = {(p, d.lower(), c.lower()) for p, d, c in existing}
    seen: dict[tuple[int, str, str], int] = {}
    valid: list[Observation] = []
    for row in table.rows:
        number = row.number
        label = row.get("period")
        period = periods.get(label.lower())
        errors: list[RowError] = []
        if period is None:
            errors.append(
                RowError(
                    number,
                    "period",
                    _('No period called "%(label)s". Add it on the indicator page first.')
                    % {"label": label[:60] or _("(empty)")},
                )
            )
        dimension = " ".join(row.get("breakdown").split())
        if len(dimension) > 60:
            errors.append(RowError(number, "breakdown", _("Keep a breakdown under 60 characters.")))
        checked, found = check_row(number, row.get("category"), row.get("value"), row.get("share"))
        category = checked[0]
        errors.extend(found)
        if dimension and not category:
            errors.append(RowError(number, "category", _("Name the category.")))
        if not errors and period is not None:
            key = (period.pk, dimension.lower(), category.lower())
            if key in existing:
                errors.append(
                    RowError(
                        number,
                        "category",
                        _("%(period)s already has a figure for %(category)s.")
                        % {"period": period.label, "category": category or _("the headline")},
                    )
                )
            elif key in seen:
                errors.append(
                    RowError(
                        number,
                        "category",
                        _("The same period, breakdown and category are on row %(row)s too.")
                        % {"row": seen[key]},
                    )
                )
            else:
                seen[key] = number
                valid.append(_observation(indicator, period, dimension, checked, by))
        report.errors.extend(errors)
    if report.errors:
        return report
    Observation.objects.bulk_create(valid, batch_size=1000)
    evidence_changed(indicator.organisation_id)
    report.saved = len(valid)
    audit_record(
        organisation=indicator.organisation,
        actor=by,
        action=AuditAction.EVIDENCE_IMPORT,
        target=indicator,
        changes={"rows": report.saved},
    )
    return report
