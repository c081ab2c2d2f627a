"""Writes for the annual review: start it, bring its figures up to date, save a
section's words (never over someone else's newer words), publish it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.core.models import AuditAction, Organisation, User
from coproduce.core.services import audit_record
from coproduce.reports import annual
from coproduce.reports.models import AnnualReview, ReviewSection, ReviewStatus, SectionKey

FIRST_YEAR = 2000


class EditedMeanwhileError(Exception):
    """Someone saved the section after the editor opened it; their words are kept."""

    def __init__(self, section: ReviewSection) -> None:
        super().__init__(section.key)
        self.section = section


@transaction.atomic
def review_start(*, organisation: Organisation, year: int, by: User) -> AnnualReview:
    """A draft review of the year starting in April of `year`, its figures assembled
    and a first draft of the words for people to rewrite."""
    this_year = timezone.localdate().year
    if not FIRST_YEAR <= year <= this_year:
        raise ValidationError(
            {
                "year": _("Enter a year from %(first)s to %(last)s.")
                % {"first": FIRST_YEAR, "last": this_year}
            }
        )
    if AnnualReview.objects.filter(organisation=organisation, year=year).exists():
        raise ValidationError({"year": _("There is already a review of that year.")})
    review = AnnualReview(organisation=organisation, year=year, created_by=by)
    review.figures = annual.assemble(organisation, review.since, review.until)
    review.save()
    words = annual.first_words(review.figures)
    ReviewSection.objects.bulk_create(
        ReviewSection(
            organisation=organisation,
            review=review,
            key=key,
            text=words.get(key, ""),
            updated_by=by,
        )
        for key in SectionKey.values
    )
    audit_record(
        organisation=organisation,
        actor=by,
        action=AuditAction.REVIEW_START,
        target=review,
        changes={"year": year},
    )
    return review


def _not_published(review: AnnualReview) -> None:
    if review.is_published:
        raise ValidationError(
            {"review": _("This review is published, so it can no longer change.")}
        )


@transaction.atomic
def review_refresh(*, review: AnnualReview, by: User) -> AnnualReview:
    """Assemble the figures again from the records as they are now. The words stay."""
    review = AnnualReview.objects.select_for_update().get(pk=review.pk)
    _not_published(review)
    review.figures = annual.assemble(review.organisation, review.since, review.until)
    review.figures_at = timezone.now()
    review.save(update_fields=["figures", "figures_at"])
    audit_record(
        organisation=review.organisation,
        actor=by,
        action=AuditAction.REVIEW_REFRESH,
        target=review,
    )
    return review


@transaction.atomic
def section_save(
    *, review: AnnualReview, key: str, text: str, version: int, by: User
) -> ReviewSection:
    """Save a section's words if nobody saved it since `version` was read; otherwise
    raise EditedMeanwhileError with the newer words, and save nothing."""
    _not_published(review)
    section = ReviewSection.objects.select_for_update().get(review=review, key=key)
    if section.version != version:
        raise EditedMeanwhileError(section)
    section.text = text.strip()
    section.version += 1
    section.updated_by = by
    section.updated_at = timezone.now()
    section.save()
    audit_record(
        organisation=review.organisation,
        actor=by,
        action=AuditAction.REVIEW_SECTION,
        target=review,
        changes={"section": key, "version": section.version},
    )
    return section


@transaction.atomic
def review_publish(*, review: AnnualReview, by: User) -> AnnualReview:
    """Publish the review as it stands: its figures are kept as they are from now on."""
    review = AnnualReview.objects.select_for_update().get(pk=review.pk)
    _not_published(review)
    review.status = ReviewStatus.PUBLISHED
    review.published_at = timezone.now()
    review.published_by = by
    review.save(update_fields=["status", "published_at", "published_by"])
    audit_record(
        organisation=review.organisation,
        actor=by,
        action=AuditAction.REVIEW_PUBLISH,
        target=review,
    )
    return review
