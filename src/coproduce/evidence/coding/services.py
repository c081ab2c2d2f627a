"""Writes for qualitative evidence: documents, the codebook, excerpts and coding."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from coproduce.core.errors import conflict
from coproduce.core.models import AuditAction, Organisation, User
from coproduce.core.services import audit_record
from coproduce.evidence.extract import clean, passages
from coproduce.evidence.models import (
    Code,
    Coding,
    Document,
    Excerpt,
    Review,
    SpeakerGroup,
)
from coproduce.evidence.versions import evidence_changed
from coproduce.frameworks.models import Framework
from coproduce.people.models import Person


@transaction.atomic
def document_add(
    *,
    organisation: Organisation,
    by: User,
    title: str,
    kind: str,
    text: str,
    file_name: str = "",
    initiative: Any = None,
) -> Document:
    """Keep a transcript or notes and split it into excerpts at its blank lines."""
    if initiative is not None and initiative.organisation_id != organisation.pk:
        raise ValidationError({"initiative": _("Choose an initiative of this organisation.")})
    text = clean(text)
    found = passages(text)
    if not found:
        raise ValidationError({"text": _("Paste or upload some text.")})
    if len(found) > 2000:
        raise ValidationError({"text": _("Split this into documents of up to 2,000 passages.")})
    document = Document(
        organisation=organisation,
        initiative=initiative,
        title=title.strip(),
        kind=kind,
        text=text,
        file_name=file_name[:200],
        created_by=by,
    )
    document.full_clean(exclude=["organisation", "initiative", "created_by"])
    document.save()
    Excerpt.objects.bulk_create(
        Excerpt(
            organisation=organisation,
            document=document,
            position=n,
            # A speaker's label such as "Facilitator:" stays with their words.
            text=f"{speaker}: {words}" if speaker else words,
        )
        for n, (speaker, words) in enumerate(found, start=1)
    )
    evidence_changed(organisation.pk)
    audit_record(
        organisation=organisation,
        actor=by,
        action=AuditAction.EVIDENCE_DOCUMENT,
        target=document,
        changes={"excerpts": len(found)},
    )
    return document


@transaction.atomic
def excerpt_set_speaker(
    *,
    excerpt: Excerpt,
    by: User,
    speaker_group: str,
    person: Person | None = None,
    agreed_to_quote: bool = False,
) -> Excerpt:
    """Say who spoke, and whether they agreed to be quoted. For someone on our records the
    agreement comes from their record, so it cannot be set here."""
    if speaker_group and speaker_group not in SpeakerGroup.values:
        raise ValidationError({"speaker_group": _("Choose who said it from the list.")})
    if person is not None and person.organisation_id != excerpt.organisation_id:
        raise ValidationError({"person": _("Choose someone from this organisation.")})
    excerpt.speaker_group = speaker_group
    excerpt.person = person
    excerpt.agreed_to_quote = agreed_to_quote if person is None else False
    excerpt.save(update_fields=["speaker_group", "person", "agreed_to_quote"])
    audit_record(
        organisation=excerpt.organisation,
        actor=by,
        action=AuditAction.EVIDENCE_SPEAKER,
        target=excerpt,
        on_behalf_of=person.pk if person is not None else None,
    )
    return excerpt


def code_create(
    *, organisation: Organisation, by: User, name: str, description: str = "", item: Any = None
) -> Code:
    """Add a theme of the organisation's own to its codebook."""
    name = " ".join(name.split())
    if Code.objects.filter(organisation=organisation, name__iexact=name).exists():
        raise conflict("name", _("The codebook already has a code with this name."))
    code = Code(organisation=organisation, name=name, description=description.strip(), item=item)
    code.full_clean(exclude=["organisation", "item"])
    code.save()
    return code


@transaction.atomic
def codebook_add_framework(*, organisation: Organisation, by: User, framework: Framework) -> int:
    """Add every item of a framework to the codebook (skipping names already there);
    returns how many codes were added."""
    if framework.organisation_id not in (None, organisation.pk):
        raise ValidationError({"framework": _("Choose a framework from the library or yours.")})
    taken = {
        n.lower()
        for n in Code.objects.filter(organisation=organisation).values_list("name", flat=True)
    }
    added = 0
    for item in framework.items.all():
        if item.title.lower() in taken:
            continue
        Code.objects.create(
            organisation=organisation,
            name=item.title[:120],
            description=item.description,
            item=item,
        )
        taken.add(item.title.lower())
        added += 1
    audit_record(
        organisation=organisation,
        actor=by,
        action=AuditAction.EVIDENCE_CODEBOOK,
        target=framework,
        changes={"added": added},
    )
    return added


@transaction.atomic
def excerpt_code(*, excerpt: Excerpt, coder: User, codes: Iterable[Code]) -> list[Code]:
    """Set the codes one coder gives an excerpt (none is a decision too) and mark it
    reviewed by them. Other coders' codes are theirs and stay as they are."""
    chosen = {code.pk: code for code in codes}
    if any(code.organisation_id != excerpt.organisation_id for code in chosen.values()):
        raise ValidationError({"codes": _("Choose codes from this organisation's codebook.")})
    Coding.objects.filter(excerpt=excerpt, coder=coder).exclude(code_id__in=chosen).delete()
    have = set(
        Coding.objects.filter(excerpt=excerpt, coder=coder).values_list("code_id", flat=True)
    )
    Coding.objects.bulk_create(
        Coding(organisation_id=excerpt.organisation_id, excerpt=excerpt, code=code, coder=coder)
        for pk, code in chosen.items()
        if pk not in have
    )
    evidence_changed(excerpt.organisation_id)
    Review.objects.get_or_create(
        excerpt=excerpt, coder=coder, defaults={"organisation_id": excerpt.organisation_id}
    )
    return list(chosen.values())
