"""Writes for insight: the population an organisation compares its participants with."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from coproduce.core.models import AuditAction, Organisation, User
from coproduce.core.services import audit_record
from coproduce.insight.models import (
    Benchmarking,
    Dimension,
    ReferenceGroup,
    ReferenceSource,
    Region,
)

# Shares in one dimension may add up to a little over 100 from rounding, never more.
MOST_IN_ALL = Decimal("100.5")


@transaction.atomic
def reference_set(
    *,
    organisation: Organisation,
    by: User,
    source: str,
    shares: dict[tuple[str, str], Decimal | None],
) -> None:
    """Replace the organisation's reference population: each (dimension, category)'s share
    of the area, in per cent; an empty share is not known and is left out."""
    errors: dict[str, Any] = {}
    for dimension, label in Dimension.choices:
        given = [v for (d, _c), v in shares.items() if d == dimension and v is not None]
        if sum(given, Decimal(0)) > MOST_IN_ALL:
            errors[dimension] = _("The shares for %(what)s add up to more than 100%%.") % {
                "what": str(label).lower()
            }
    if errors:
        raise ValidationError(errors)
    ReferenceGroup.objects.filter(organisation=organisation).delete()
    ReferenceGroup.objects.bulk_create(
        ReferenceGroup(organisation=organisation, dimension=d, category=c, share=v)
        for (d, c), v in shares.items()
        if v is not None
    )
    ReferenceSource.objects.update_or_create(
        organisation=organisation, defaults={"source": source.strip()[:200]}
    )
    audit_record(
        organisation=organisation,
        actor=by,
        action=AuditAction.INSIGHT_REFERENCE,
        target=organisation,
        changes={"groups": sum(1 for v in shares.values() if v is not None)},
    )


@transaction.atomic
def benchmarking_set(*, organisation: Organisation, by: User, region: str | None) -> None:
    """Join the comparison with similar organisations in `region`, change the region, or
    leave it (`region` None): its figures leave every quartile at once."""
    if region is not None and region not in Region.values:
        raise ValidationError({"region": _("Choose a region from the list.")})
    if region is None:
        Benchmarking.objects.filter(organisation=organisation).delete()
    else:
        Benchmarking.objects.update_or_create(
            organisation=organisation, defaults={"region": region}
        )
    audit_record(
        organisation=organisation,
        actor=by,
        action=AuditAction.INSIGHT_BENCHMARKING,
        target=organisation,
        changes={"region": region},
    )
