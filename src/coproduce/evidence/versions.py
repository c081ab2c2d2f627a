"""An organisation's evidence has a version (`core.kept`), and the evidence pages keep what
they work out from it until it changes: agreement between coders, themes, survey results
and the indicators' figures read thousands of rows each.

Every save of an evidence record changes the version (a signal), and so does every
delete of a record that others hang from (a survey, a document, a code, an indicator):
its children go with it. Deleting children one kind at a time, and writing many at once
(`bulk_create`, `update`), send no signal, so the services that do so call
`evidence_changed` themselves. Children have no delete signal on purpose: it would make
Django load and announce each of 50,000 answers when a survey is deleted.

Whether a passage may be quoted depends on the speaker's consent, so consents change the
version too, and so does deleting a person (their passages lose their speaker).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language

from coproduce.core import kept

T = TypeVar("T")

# Records that come in thousands under one parent, whose deletion is announced by the
# parent's (or by the service that deletes them).
_MANY = {
    "evidence.coding",
    "evidence.review",
    "evidence.excerpt",
    "evidence.observation",
    "evidence.surveyresponse",
    "evidence.surveyanswer",
    "evidence.surveylink",
}


def _name(organisation_id: Any) -> str:
    return f"evidence:{organisation_id}"


def evidence_changed(organisation_id: Any) -> None:
    """The organisation's evidence changed: its evidence pages work their figures out
    again."""
    kept.changed(_name(organisation_id))


def evidence_key(organisation_id: Any, *parts: Any) -> str:
    """Names HTML made from the organisation's evidence as it is now, for the question
    `parts`, in the language it is shown in: for a template's `{% cache %}`."""
    version = kept.version(_name(organisation_id))
    return ":".join(str(part) for part in (organisation_id, version, get_language(), *parts))


def kept_evidence(
    organisation_id: Any, what: str, parts: tuple[Any, ...], make: Callable[[], T]
) -> T:
    """`make()`, worked out once per version of the organisation's evidence (in each
    worker). `parts` must hold everything else `make` reads: the coders compared, the
    dates, whether people's own words are shown. The language is added: labels such as
    "Strongly agree" are worked out in it."""
    parts = (organisation_id, get_language(), *parts)
    return kept.kept(_name(organisation_id), what, parts, make)


def _organisation_of(instance: Any) -> Any:
    found = getattr(instance, "organisation_id", None)
    if found is None and hasattr(instance, "survey_id"):
        # A survey's questions belong to it, not directly to an organisation.
        survey = apps.get_model("evidence", "Survey")
        found = (
            survey.objects.filter(pk=instance.survey_id)
            .values_list("organisation_id", flat=True)
            .first()
        )
    return found


def _changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return  # loading fixtures
    organisation_id = _organisation_of(instance)
    if organisation_id is not None:
        evidence_changed(organisation_id)


def watch() -> None:
    """Connect the signals (`EvidenceConfig.ready`)."""
    for model in [
        *apps.get_app_config("evidence").get_models(),
        apps.get_model("people", "Consent"),
    ]:
        label = model._meta.label_lower
        post_save.connect(_changed, sender=model, dispatch_uid=f"evidence_saved:{label}")
        if label not in _MANY:
            post_delete.connect(_changed, sender=model, dispatch_uid=f"evidence_gone:{label}")
    person = apps.get_model("people", "Person")
    post_delete.connect(_changed, sender=person, dispatch_uid="evidence_gone:people.person")
