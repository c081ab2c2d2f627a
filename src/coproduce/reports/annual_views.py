"""The annual co-production review: started by staff, written by staff and co-producers
together, published as a page, a tagged PDF and a spreadsheet."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coproduce.core.exports import xlsx_response
from coproduce.core.forms import add_service_errors
from coproduce.core.http import AuthedRequest
from coproduce.core.models import Organisation
from coproduce.core.tenancy import organisation_for_request, role_in
from coproduce.reports import annual, services
from coproduce.reports.forms import ReviewStartForm, SectionForm
from coproduce.reports.models import AnnualReview, SectionKey
from coproduce.web.pdf import pdf_later


def _review(organisation: Organisation, year: int) -> AnnualReview:
    return get_object_or_404(AnnualReview, organisation=organisation, year=year)


@login_required
def review_list(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "reports.view_review")
    can_start = request.user.has_perm("reports.manage_review", organisation)
    today = timezone.localdate()
    form = ReviewStartForm(
        request.POST if request.method == "POST" else None,
        # The year under way, April to March.
        initial={"year": today.year if today.month >= 4 else today.year - 1},
    )
    if request.method == "POST":
        if not can_start:
            raise PermissionDenied
        if form.is_valid():
            try:
                review = services.review_start(
                    organisation=organisation, year=form.cleaned_data["year"], by=request.user
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("The draft is ready. Its figures come from this year's records.")
                )
                return redirect(review)
    reviews = annual.reviews_of(organisation)
    context = {"reviews": reviews, "form": form, "can_start": can_start}
    return render(request, "reports/annual_list.html", context, status=400 if form.errors else 200)


def review_page(request: HttpRequest, org_slug: str, year: int) -> HttpResponse:
    """A published review is for everyone; a draft for the organisation's people."""
    organisation = get_object_or_404(Organisation, slug=org_slug)
    review = _review(organisation, year)
    can_edit = can_manage = False
    if not review.is_published:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        organisation = organisation_for_request(request, org_slug, "reports.view_review")
        can_edit = request.user.has_perm("reports.edit_review", organisation)
        can_manage = request.user.has_perm("reports.manage_review", organisation)
    elif request.user.is_authenticated and role_in(request.user, organisation):
        request.organisation = organisation  # type: ignore[attr-defined]
    context: dict[str, Any] = {
        "review": review,
        "organisation": organisation,
        "sections": annual.sections_of(review),
        "can_edit": can_edit,
        "can_manage": can_manage,
    }
    fmt = request.GET.get("format", "")
    name = f"annual-review-{organisation.slug}-{review.year}"
    if fmt == "xlsx":
        rows = annual.sheet_rows(review, context["sections"], request)
        return xlsx_response({_("Annual review"): rows}, f"{name}.xlsx")
    if fmt == "pdf":
        return pdf_later(request, "reports/annual_review_print.html", context, f"{name}.pdf")
    return render(request, "reports/annual_review.html", context)


@login_required
def section_edit(request: AuthedRequest, org_slug: str, year: int, key: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "reports.edit_review")
    review = _review(organisation, year)
    if key not in SectionKey.values:
        raise Http404
    section = next(s for s in annual.sections_of(review) if s.key == key)
    if review.is_published:
        return redirect(review)
    form = SectionForm(
        request.POST if request.method == "POST" else None,
        initial={"text": section.text, "version": section.version},
    )
    status, newer = 200, None
    if request.method == "POST" and form.is_valid():
        try:
            services.section_save(
                review=review,
                key=key,
                text=form.cleaned_data["text"],
                version=form.cleaned_data["version"],
                by=request.user,
            )
        except services.EditedMeanwhileError as meanwhile:
            # Their words stay in the box; the newer words are shown above to merge.
            newer = meanwhile.section
            form = SectionForm(
                {"text": form.cleaned_data["text"], "version": newer.version},
            )
            form.is_valid()
            status = 409
        else:
            messages.success(request, _("Saved."))
            return redirect(f"{review.get_absolute_url()}#{key}")
    elif form.errors:
        status = 400
    context = {"review": review, "section": section, "form": form, "newer": newer}
    return render(request, "reports/annual_section.html", context, status=status)


def _manage(
    request: AuthedRequest, org_slug: str, year: int, act: Callable[..., Any], done: str
) -> HttpResponse:
    """Do one of staff's actions on the review, then go back to it."""
    organisation = organisation_for_request(request, org_slug, "reports.manage_review")
    review = _review(organisation, year)
    try:
        act(review=review, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect(review)


@login_required
@require_POST
def review_refresh(request: AuthedRequest, org_slug: str, year: int) -> HttpResponse:
    done = _("The figures are up to date with the records.")
    return _manage(request, org_slug, year, services.review_refresh, done)


@login_required
@require_POST
def review_publish(request: AuthedRequest, org_slug: str, year: int) -> HttpResponse:
    done = _("Published. Anyone with the link can read it.")
    return _manage(request, org_slug, year, services.review_publish, done)
