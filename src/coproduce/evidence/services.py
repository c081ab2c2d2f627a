"""Every write a person can cause in evidence, split by sub-domain."""

from coproduce.evidence.coding.services import (
    code_create,
    codebook_add_framework,
    document_add,
    excerpt_code,
    excerpt_set_speaker,
)
from coproduce.evidence.indicators.services import (
    Entry,
    ImportReport,
    RowError,
    figures_table,
    indicator_save,
    observations_import,
    observations_replace,
    period_create,
    settings_for,
    settings_set,
)
from coproduce.evidence.surveys.services import (
    TOO_MANY,
    outcome_record,
    response_submit,
    survey_create,
    survey_links_create,
    survey_set,
)
from coproduce.evidence.value.services import assumption_add, benefit_add, cost_add

__all__ = [
    "TOO_MANY",
    "Entry",
    "ImportReport",
    "RowError",
    "assumption_add",
    "benefit_add",
    "code_create",
    "codebook_add_framework",
    "cost_add",
    "document_add",
    "excerpt_code",
    "excerpt_set_speaker",
    "indicator_save",
    "observations_import",
    "observations_replace",
    "outcome_record",
    "period_create",
    "figures_table",
    "response_submit",
    "settings_for",
    "settings_set",
    "survey_create",
    "survey_links_create",
    "survey_set",
]
