"""Writes for the library. Every save keeps the search index current."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from coproduce.core.models import User
from coproduce.library.models import CaseStatus, CaseStudy, StatusChange, Tag
from coproduce.library.search import index_case_study

CASE_FIELDS = (
    "title",
    "summary",
    "easy_read",
    "problem",
    "who_and_how",
    "what_changed",
    "cost",
    "learning",
    "place",
    "source",
)

# Which moves the moderation workflow allows, and whether a reason is needed.
MOVES: dict[str, dict[str, bool]] = {
    CaseStatus.DRAFT: {CaseStatus.SUBMITTED: False},
    CaseStatus.SUBMITTED: {
        CaseStatus.PUBLISHED: False,
        CaseStatus.CHANGES_REQUESTED: True,
        CaseStatus.DRAFT: False,
    },
    CaseStatus.CHANGES_REQUESTED: {CaseStatus.SUBMITTED: False},
    CaseStatus.PUBLISHED: {CaseStatus.WITHDRAWN: True},
    CaseStatus.WITHDRAWN: {CaseStatus.PUBLISHED: False},
}


def tag_get(kind: str, label: str) -> Tag:
    tag, _created = Tag.objects.get_or_create(
        kind=kind, slug=slugify(label)[:60], defaults={"label": label[:100]}
    )
    return tag


def _unique_slug(title: str, pk: int | None) -> str:
    base = slugify(title)[:100] or "case-study"
    others = CaseStudy.objects.exclude(pk=pk) if pk is not None else CaseStudy.objects.all()
    slug, n = base, 2
    while others.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def case_study_save(
    *,
    by: User,
    details: Mapping[str, Any],
    tags: Iterable[Tag] | None = None,
    case_study: CaseStudy | None = None,
    organisation: Any = None,
) -> CaseStudy:
    """Create a draft case study, or change one; its place in the index follows."""
    creating = case_study is None
    case_study = case_study or CaseStudy(
        organisation=organisation, created_by=by if getattr(by, "is_authenticated", False) else None
    )
    for name in CASE_FIELDS:
        if name in details:
            setattr(case_study, name, details[name])
    if any(f"welsh_{name}" in details for name in CaseStudy.WELSH_FIELDS):
        case_study.welsh = {
            name: str(details[f"welsh_{name}"]).strip()
            for name in CaseStudy.WELSH_FIELDS
            if str(details.get(f"welsh_{name}") or "").strip()
        }
    case_study.slug = case_study.slug or _unique_slug(case_study.title, case_study.pk)
    case_study.full_clean(exclude=["organisation", "created_by", "tags"])
    case_study.save()
    if tags is not None:
        case_study.tags.set(list(tags))
    if creating:
        StatusChange.objects.create(
            case_study=case_study, to_status=case_study.status, by=case_study.created_by
        )
    index_case_study(case_study)
    return case_study


@transaction.atomic
def case_study_move(*, case_study: CaseStudy, by: User, to: str, reason: str = "") -> CaseStudy:
    """Move a case study through moderation, with its history kept."""
    allowed = MOVES.get(case_study.status, {})
    if to not in CaseStatus.values:
        raise ValidationError({"to": _("Choose what happens to the case study next.")})
    if to not in allowed:
        raise ValidationError(
            {
                "status": _("A case study cannot go from %(now)s to %(to)s.")
                % {"now": case_study.get_status_display(), "to": CaseStatus(to).label}
            }
        )
    if allowed[to] and not reason.strip():
        raise ValidationError({"reason": _("Say why, so the author knows what to do next.")})
    StatusChange.objects.create(
        case_study=case_study,
        from_status=case_study.status,
        to_status=to,
        reason=reason.strip()[:500],
        by=by if getattr(by, "is_authenticated", False) else None,
    )
    case_study.status = to
    if to == CaseStatus.PUBLISHED and case_study.published_at is None:
        case_study.published_at = timezone.now()
    case_study.save(update_fields=["status", "published_at", "updated_at"])
    index_case_study(case_study)
    return case_study


SHARE_FIELDS = (*CASE_FIELDS, "submitter_name", "submitter_email")


def story_tags(*, cos: Iterable[str], service_area: str) -> list[Tag]:
    """Tags from the choices a story form offers."""
    from coproduce.initiatives.models import ServiceArea
    from coproduce.sessions.models import Co

    tags = [tag_get("co", str(Co(co).label)) for co in cos]
    if service_area:
        tags.append(tag_get("service_area", str(ServiceArea(service_area).label)))
    return tags


@transaction.atomic
def story_share(
    *, by: User, details: Mapping[str, Any], tags: Iterable[Tag], organisation: Any = None
) -> CaseStudy:
    """A story deposited for review, by someone signed in or not."""
    story = case_study_save(by=by, details=details, tags=tags, organisation=organisation)
    for name in ("submitter_name", "submitter_email"):
        setattr(story, name, str(details.get(name, ""))[:254])
    story.save(update_fields=["submitter_name", "submitter_email"])
    return case_study_move(case_study=story, by=by, to=CaseStatus.SUBMITTED)


@transaction.atomic
def draft_from_initiative(*, initiative: Any, by: User) -> CaseStudy:
    """Start a case study from what an initiative already records: its title, summary,
    partners, service area and the Co's it covers."""
    partners = ", ".join(initiative.partners.order_by("name").values_list("name", flat=True))
    cos = initiative.coverage.filter(item__parent__isnull=True).values_list("item__key", flat=True)
    from coproduce.sessions.models import Co

    tags = story_tags(
        cos=[co for co in cos if co in Co.values], service_area=initiative.service_area
    )
    cell = cell_tag(initiative.planning, initiative.delivery)
    if cell is not None:
        tags.append(cell)
    summary = (initiative.summary or initiative.title)[:400]
    story = case_study_save(
        by=by,
        organisation=initiative.organisation,
        tags=tags,
        details={
            "title": initiative.title,
            "summary": summary,
            "problem": initiative.summary or _("Say what the problem was."),
            "who_and_how": (
                _("%(org)s, working with %(partners)s.")
                % {"org": initiative.organisation.name, "partners": partners}
                if partners
                else initiative.organisation.name
            ),
            "what_changed": _("Say what changed."),
        },
    )
    _quotes_from_coding(story, initiative, by)
    return story


def _quotes_from_coding(story: CaseStudy, initiative: Any, by: User) -> None:
    """Carry up to three coded passages from the initiative's transcripts into the story,
    only those whose speakers agreed to be quoted; a speaker on our records stays linked,
    so withdrawing their agreement later takes the quote out of the story too."""
    from coproduce.evidence.queries import quotes_by_theme

    seen: set[int] = set()
    for theme in quotes_by_theme(initiative.organisation, initiative=initiative, limit=1):
        for excerpt in theme["excerpts"]:
            if excerpt.pk in seen or len(seen) == 3:
                continue
            seen.add(excerpt.pk)
            quote_add(
                case_study=story,
                by=by,
                text=excerpt.words,
                speaker=excerpt.get_speaker_group_display() or _("Someone who took part"),
                person=excerpt.person,
            )


def _require_agreement(case_study: CaseStudy, person: Any, purpose: str, message: str) -> None:
    """Someone on an organisation's records may be quoted or named only from that
    organisation's story, and only with their agreement recorded."""
    if case_study.organisation_id is None or person.organisation_id != case_study.organisation_id:
        raise ValidationError(
            {"person": _("Choose someone from the organisation telling this story.")}
        )
    if not person.consents.active().filter(purpose=purpose).exists():
        raise ValidationError({"person": message})


def quote_add(
    *, case_study: CaseStudy, by: User, text: str, speaker: str, person: Any = None
) -> Any:
    """Add a quote. Someone on our records can only be quoted while they agree to it."""
    from coproduce.library.models import Quote
    from coproduce.people.models import ConsentPurpose

    if person is not None:
        _require_agreement(
            case_study,
            person,
            ConsentPurpose.QUOTES,
            _("Record their agreement to be quoted first, on their record."),
        )
    quote = Quote(case_study=case_study, text=text.strip(), speaker=speaker.strip(), person=person)
    quote.full_clean(exclude=["case_study", "person"])
    quote.save()
    return quote


def glossary_term_save(*, by: User, details: Mapping[str, Any], instance: Any = None) -> Any:
    from coproduce.library.models import GlossaryTerm

    term = instance or GlossaryTerm()
    for name in ("term", "definition", "framework_key", "also_called"):
        setattr(term, name, details.get(name, getattr(term, name)))
    term.slug = slugify(term.term)[:100] or "term"
    term.full_clean()
    term.save()
    return term


def toolkit_page_save(*, by: User, details: Mapping[str, Any], instance: Any = None) -> Any:
    from coproduce.library.models import ToolkitPage

    page = instance or ToolkitPage()
    for name in ("section", "title", "body", "position"):
        setattr(page, name, details.get(name, getattr(page, name)))
    page.slug = slugify(page.title)[:100] or "page"
    page.full_clean()
    page.save()
    return page


def attachment_add(
    *, case_study: CaseStudy, by: User, upload: Any, title: str, alt_text: str = ""
) -> Any:
    """Attach an image (PNG or JPEG, which must be described) or a PDF."""
    from django.conf import settings

    from coproduce.core.uploads import IMAGES, PDF, sniff, without_metadata
    from coproduce.library.models import Attachment

    content_type = sniff(
        upload,
        field="file",
        allowed={**IMAGES, **PDF},
        max_bytes=settings.LIBRARY_UPLOAD_MAX_BYTES,
        wanted=_("an image (JPEG or PNG) or a PDF"),
    )
    kind = Attachment.DOCUMENT if content_type == "application/pdf" else Attachment.IMAGE
    if kind == Attachment.IMAGE and not alt_text.strip():
        raise ValidationError({"alt_text": _("Describe the image, for people who cannot see it.")})
    attachment = Attachment(
        case_study=case_study,
        kind=kind,
        content_type=content_type,
        title=title.strip(),
        alt_text=alt_text.strip(),
    )
    attachment.full_clean(exclude=["case_study", "file"])
    attachment.file.save(
        f"story-{case_study.pk}", without_metadata(upload, content_type), save=False
    )
    attachment.save()
    return attachment


def credit_add(
    *,
    case_study: CaseStudy,
    by: User,
    name: str,
    role: str = "",
    person: Any = None,
    agreed_on: Any = None,
) -> Any:
    """Name someone who took part. A person on our records needs their agreement to be
    named recorded on their record (it can be withdrawn); anyone else, the date they
    agreed."""
    from coproduce.library.models import Credit
    from coproduce.people.models import ConsentPurpose

    if person is not None:
        _require_agreement(
            case_study,
            person,
            ConsentPurpose.NAMED,
            _("Record their agreement to be named first, on their record."),
        )
    elif agreed_on is None:
        raise ValidationError({"agreed_on": _("Enter the date they agreed to be named.")})
    credit = Credit(
        case_study=case_study,
        name=name.strip(),
        role=role.strip(),
        person=person,
        agreed_on=agreed_on,
    )
    credit.full_clean(exclude=["case_study", "person"])
    credit.save()
    return credit


def cell_tag(planning: str, delivery: str) -> Tag | None:
    """The tag for an initiative's cell of who plans and who delivers, if both are known."""
    from coproduce.frameworks.models import FrameworkItem
    from coproduce.initiatives.planning import bovaird_cell

    key = bovaird_cell(planning, delivery)
    item = (
        FrameworkItem.objects.filter(
            framework__key="design-delivery-matrix", framework__is_current=True, key=key
        ).first()
        if key
        else None
    )
    return tag_get("cell", item.title) if item else None
