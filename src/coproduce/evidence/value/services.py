"""Writes for value for money: costs, benefits and the assumptions behind them."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from coproduce.core.models import AuditAction, User
from coproduce.core.services import audit_record
from coproduce.evidence.models import (
    Assumption,
    BenefitKind,
    BenefitLine,
    Confidence,
    CostLine,
)

MAX_PENCE = 10**14  # a trillion pounds: far beyond any initiative, well inside the columns


@transaction.atomic
def cost_add(
    *,
    initiative: Any,
    by: User,
    description: str,
    amount_pence: int | None = None,
    hours: Decimal | None = None,
    hourly_rate_pence: int | None = None,
) -> CostLine:
    """Add a cost: a sum of money, or people's time at a stated hourly rate."""
    if (amount_pence is None) == (hours is None):
        raise ValidationError(
            {"amount_pence": _("Give either an amount, or hours and an hourly rate.")}
        )
    if hours is not None:
        if hourly_rate_pence is None:
            raise ValidationError({"hourly_rate_pence": _("Give the hourly rate for the time.")})
        if not Decimal(0) < hours <= Decimal(1_000_000) or hours != hours.quantize(Decimal("0.01")):
            raise ValidationError({"hours": _("Enter hours from 0.01 to a million.")})
        if not 0 < hourly_rate_pence <= 10_000_000:
            raise ValidationError({"hourly_rate_pence": _("Enter an hourly rate up to £100,000.")})
        amount_pence = int((hours * hourly_rate_pence).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    assert amount_pence is not None
    if not 0 < amount_pence <= MAX_PENCE:
        raise ValidationError({"amount_pence": _("Enter an amount above nothing.")})
    line = CostLine(
        organisation=initiative.organisation,
        initiative=initiative,
        description=description.strip(),
        hours=hours,
        hourly_rate_pence=hourly_rate_pence if hours is not None else None,
        amount_pence=amount_pence,
        created_by=by,
    )
    line.full_clean(exclude=["organisation", "initiative", "created_by"])
    line.save()
    audit_record(
        organisation=initiative.organisation,
        actor=by,
        action=AuditAction.EVIDENCE_COST,
        target=line,
        changes={"amount_pence": amount_pence},
    )
    return line


@transaction.atomic
def benefit_add(
    *,
    initiative: Any,
    by: User,
    description: str,
    amount_pence_per_year: int,
    years: int,
    kind: str,
    confidence: str,
    source: str,
) -> BenefitLine:
    """Add a benefit, with its kind, where it comes from and how sure we are of it."""
    if kind not in BenefitKind.values:
        raise ValidationError({"kind": _("Say whether it is cashable, non-cashable or notional.")})
    if confidence not in Confidence.values:
        raise ValidationError({"confidence": _("Say how confident you are in the figure.")})
    if not 0 < amount_pence_per_year <= MAX_PENCE:
        raise ValidationError({"amount_pence_per_year": _("Enter an amount above nothing.")})
    if not 1 <= years <= 10:
        raise ValidationError({"years": _("A benefit can be counted for 1 to 10 years.")})
    if not source.strip():
        raise ValidationError({"source": _("Say where the figure comes from.")})
    line = BenefitLine(
        organisation=initiative.organisation,
        initiative=initiative,
        description=description.strip(),
        amount_pence_per_year=amount_pence_per_year,
        years=years,
        kind=kind,
        confidence=confidence,
        source=source.strip(),
        created_by=by,
    )
    line.full_clean(exclude=["organisation", "initiative", "created_by"])
    line.save()
    audit_record(
        organisation=initiative.organisation,
        actor=by,
        action=AuditAction.EVIDENCE_BENEFIT,
        target=line,
        changes={"amount_pence_per_year": amount_pence_per_year, "kind": kind},
    )
    return line


def assumption_add(*, initiative: Any, by: User, text: str, source: str = "") -> Assumption:
    """Write down an assumption the figures rest on, so a reader can challenge it."""
    assumption = Assumption(
        organisation=initiative.organisation,
        initiative=initiative,
        text=text.strip(),
        source=source.strip(),
        created_by=by,
    )
    assumption.full_clean(exclude=["organisation", "initiative", "created_by"])
    assumption.save()
    return assumption
