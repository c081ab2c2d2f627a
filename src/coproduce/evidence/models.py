"""Evidence of value: indicators and their figures, outcomes, surveys, coded words, costs
and benefits. Everything an organisation records here belongs to it (`organisation`)."""

from __future__ import annotations

from decimal import Decimal

from django.db import models

from coproduce.core.models import Organisation


class EvidenceSettings(models.Model):
    """An organisation's own thresholds for the data quality checks."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="evidence_settings"
    )
    # A "not recorded" share above this (in per cent) is flagged: 47% missing
    # ethnicity is the kind of gap commissioners need to see (001:L170).
    not_recorded_threshold = models.DecimalField(
        max_digits=5, decimal_places=2, default=Decimal(10)
    )

    def __str__(self) -> str:
        return f"Evidence settings for {self.organisation}"


# Django finds an app's models in its models module: each kind of evidence keeps its own
# in its package, and they are gathered here.
from coproduce.evidence.coding.models import (  # noqa: E402
    Code,
    Coding,
    Document,
    DocumentKind,
    Excerpt,
    Review,
    SpeakerGroup,
)
from coproduce.evidence.indicators.models import (  # noqa: E402
    Direction,
    Indicator,
    Observation,
    OutcomeRecord,
    Period,
    SelfReported,
)
from coproduce.evidence.surveys.models import (  # noqa: E402
    Question,
    QuestionKind,
    Survey,
    SurveyAnswer,
    SurveyLink,
    SurveyResponse,
    SurveyStatus,
)
from coproduce.evidence.value.models import (  # noqa: E402
    Assumption,
    BenefitKind,
    BenefitLine,
    Confidence,
    CostLine,
)

__all__ = [
    "Assumption",
    "BenefitKind",
    "BenefitLine",
    "Code",
    "Coding",
    "Confidence",
    "CostLine",
    "Direction",
    "Document",
    "DocumentKind",
    "EvidenceSettings",
    "Excerpt",
    "Indicator",
    "Observation",
    "OutcomeRecord",
    "Period",
    "Question",
    "QuestionKind",
    "Review",
    "SelfReported",
    "SpeakerGroup",
    "Survey",
    "SurveyAnswer",
    "SurveyLink",
    "SurveyResponse",
    "SurveyStatus",
]
