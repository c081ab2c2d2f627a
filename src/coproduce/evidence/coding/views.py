"""Pages for qualitative evidence: documents, coding excerpts, the codebook, themes and
agreement between coders."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coproduce.core.forms import add_service_errors
from coproduce.core.http import AuthedRequest
from coproduce.core.ids import ids_in
from coproduce.core.models import User
from coproduce.core.tenancy import organisation_for_request
from coproduce.evidence import queries, services
from coproduce.evidence.coding.forms import (
    AgreementForm,
    CodeForm,
    DocumentForm,
    FrameworkCodesForm,
    SpeakerForm,
)
from coproduce.evidence.coding.queries import EXCERPTS_PER_PAGE
from coproduce.evidence.extract import text_of
from coproduce.evidence.models import Coding, Excerpt, Review
from coproduce.evidence.versions import evidence_key


@login_required
def document_list(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "evidence.code")
    return render(
        request,
        "evidence/document_list.html",
        {
            "documents": queries.documents_in(organisation),
            "can_manage": request.user.has_perm("evidence.manage", organisation),
        },
    )


@login_required
def document_create(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "evidence.manage")
    post = request.POST if request.method == "POST" else None
    form = DocumentForm(post, request.FILES or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            upload = data.get("file")
            text = text_of(upload) if upload else data["text"]
            document = services.document_add(
                organisation=organisation,
                by=request.user,
                title=data["title"],
                kind=data["kind"],
                text=text,
                file_name=upload.name if upload else "",
                initiative=data["initiative"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Saved in %(n)s passages, ready to code.") % {"n": document.excerpts.count()},
            )
            return redirect(document)
    return render(request, "evidence/document_form.html", {"form": form})


def _excerpt_rows(excerpts: list[Excerpt], user: User) -> list[dict[str, Any]]:
    """Each passage with the codes this coder gave it and whether they have reviewed it."""
    ids = [e.pk for e in excerpts]
    mine: dict[int, set[int]] = {}
    for excerpt_id, code_id in Coding.objects.filter(excerpt__in=ids, coder=user).values_list(
        "excerpt_id", "code_id"
    ):
        mine.setdefault(excerpt_id, set()).add(code_id)
    reviewed = set(
        Review.objects.filter(excerpt__in=ids, coder=user).values_list("excerpt_id", flat=True)
    )
    return [
        {"excerpt": e, "mine": mine.get(e.pk, set()), "reviewed": e.pk in reviewed}
        for e in excerpts
    ]


@login_required
def document_detail(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    """The coding page: each passage with the codebook as tick boxes, saved one passage at
    a time, and the theme counts beside them."""
    organisation = organisation_for_request(request, org_slug, "evidence.code")
    document = queries.document_in(organisation=organisation, pk=pk)
    page = Paginator(
        queries.with_quote_agreement(document.excerpts.select_related("person")),
        EXCERPTS_PER_PAGE,
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "evidence/document_detail.html",
        {
            "document": document,
            "page": page,
            "rows": _excerpt_rows(list(page.object_list), request.user),
            "codes": list(queries.codes_in(organisation)),
            "themes": queries.theme_counts(organisation, document),
            "can_manage": request.user.has_perm("evidence.manage", organisation),
        },
    )


@login_required
@require_POST
def excerpt_code(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    """Save one coder's codes for one passage; with htmx, answer with the passage and the
    updated theme counts, without leaving the page."""
    organisation = organisation_for_request(request, org_slug, "evidence.code")
    excerpt = get_object_or_404(
        queries.with_quote_agreement(Excerpt.objects.select_related("document", "person")),
        organisation=organisation,
        pk=pk,
    )
    ids = ids_in(request.POST.getlist("codes"))
    codes = list(queries.codes_in(organisation).filter(pk__in=ids))
    services.excerpt_code(excerpt=excerpt, coder=request.user, codes=codes)
    if not request.htmx:  # type: ignore[attr-defined]
        messages.success(request, _("Codes saved."))
        return redirect(f"{excerpt.document.get_absolute_url()}#excerpt-{excerpt.pk}")
    return render(
        request,
        "evidence/includes/excerpt_saved.html",
        {
            "row": _excerpt_rows([excerpt], request.user)[0],
            "codes": list(queries.codes_in(organisation)),
            "themes": queries.theme_counts(organisation, excerpt.document),
            "document": excerpt.document,
            "saved": True,
        },
    )


@login_required
def excerpt_suggestions(request: HttpRequest, org_slug: str, pk: int) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "evidence.code")
    excerpt = get_object_or_404(Excerpt, organisation=organisation, pk=pk)
    # htmx swaps the list into the passage; without a script the link opens a page.
    template = "includes/suggestions" if request.headers.get("HX-Request") else "suggestions"
    return render(
        request,
        f"evidence/{template}.html",
        {"excerpt": excerpt, "suggestions": queries.suggestions_for(organisation, excerpt)},
    )


@login_required
def excerpt_speaker(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "evidence.manage")
    excerpt = get_object_or_404(Excerpt, organisation=organisation, pk=pk)
    form = SpeakerForm(
        request.POST if request.method == "POST" else None,
        organisation=organisation,
        initial={
            "speaker_group": excerpt.speaker_group,
            "person": excerpt.person_id,
            "agreed_to_quote": excerpt.agreed_to_quote,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.excerpt_set_speaker(excerpt=excerpt, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved who said it."))
            return redirect(f"{excerpt.document.get_absolute_url()}#excerpt-{excerpt.pk}")
    return render(request, "evidence/speaker_form.html", {"form": form, "excerpt": excerpt})


@login_required
def codebook(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "evidence.code")
    can_manage = request.user.has_perm("evidence.manage", organisation)
    if request.method == "POST" and not can_manage:
        raise PermissionDenied
    which = request.POST.get("form") if request.method == "POST" else None
    code_form = CodeForm(request.POST if which == "code" else None)
    framework_form = FrameworkCodesForm(
        request.POST if which == "framework" else None, organisation=organisation
    )
    try:
        if which == "code" and code_form.is_valid():
            services.code_create(
                organisation=organisation, by=request.user, **code_form.cleaned_data
            )
            messages.success(request, _("Code added."))
            return redirect("evidence:codebook", org_slug=org_slug)
        if which == "framework" and framework_form.is_valid():
            added = services.codebook_add_framework(
                organisation=organisation, by=request.user, **framework_form.cleaned_data
            )
            messages.success(request, _("Added %(n)s codes.") % {"n": added})
            return redirect("evidence:codebook", org_slug=org_slug)
    except ValidationError as error:
        add_service_errors(code_form if which == "code" else framework_form, error)
    return render(
        request,
        "evidence/codebook.html",
        {
            "themes": queries.theme_counts(organisation),
            "code_form": code_form,
            "framework_form": framework_form,
            "can_manage": can_manage,
        },
    )


@login_required
def themes(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "evidence.code")
    return render(
        request,
        "evidence/themes.html",
        {
            "themes": queries.theme_counts(organisation),
            "pairs": queries.co_occurrence(organisation),
            "quotes": queries.quotes_by_theme(organisation, quotable_only=False),
            "evidence_key": evidence_key(organisation.pk),
        },
    )


@login_required
def agreement(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "evidence.code")
    coders = list(queries.coders_in(organisation))
    form = AgreementForm(request.GET or None, coders=coders)
    result, key = None, ""
    if form.is_valid():
        first, second = form.cleaned_data["first"], form.cleaned_data["second"]
        result = queries.agreement(organisation, first, second)
        key = evidence_key(organisation.pk, first.pk, second.pk)
    return render(
        request,
        "evidence/agreement.html",
        {"form": form, "result": result, "coder_count": len(coders), "evidence_key": key},
    )
