"""The public library: anyone can read it, no sign-in needed."""

from __future__ import annotations

import functools
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coproduce.core.forms import add_service_errors
from coproduce.core.http import AuthedRequest
from coproduce.core.tenancy import organisation_for_request
from coproduce.influence.views import said_page
from coproduce.initiatives.queries import initiative_in
from coproduce.library import queries, services
from coproduce.library.forms import (
    AttachmentForm,
    CreditForm,
    EditStoryForm,
    GlossaryTermForm,
    ModerationForm,
    QuoteForm,
    ShareForm,
    StoryForm,
    ToolkitPageForm,
)
from coproduce.library.models import (
    Attachment,
    CaseStatus,
    CaseStudy,
    GlossaryTerm,
    TagKind,
    ToolkitPage,
    ToolkitSection,
)
from coproduce.library.search import MAX_QUERY_LENGTH
from coproduce.people.queries import user_wants_easy_read


def PUBLIC(view: Any) -> Any:  # noqa: N802  (reads as a label on each view)
    """Cacheable by anyone for five minutes when nobody is signed in; private when
    someone is, because the page then shows who they are."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, no_cache=True)
        else:
            patch_cache_control(response, public=True, max_age=300)
        patch_vary_headers(response, ["Cookie"])
        return response

    return wrapped


@PUBLIC
def library_home(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:MAX_QUERY_LENGTH]
    selected = {
        kind: {slug[:60] for slug in request.GET.getlist(kind)[:10]}
        for kind in TagKind.values
        if request.GET.getlist(kind)
    }
    try:
        page = max(1, min(int(request.GET.get("page", "1")), 1000))
    except ValueError:
        page = 1
    results = queries.find(query, selected, page=page)
    return render(
        request,
        "library/home.html",
        {
            "results": results,
            "query": query,
            "page": page,
            "has_next": page * 20 < results.total,
            "too_long": len(request.GET.get("q", "")) > MAX_QUERY_LENGTH,
            "filtered": bool(selected),
        },
    )


def _easy_read(request: HttpRequest) -> bool:
    """Easy read when asked for, and by default for someone who asked for it in their record."""
    asked = request.GET.get("easy-read", "")
    if asked in ("yes", "no"):
        return asked == "yes"
    return user_wants_easy_read(request.user)


@PUBLIC
def case_study(request: HttpRequest, slug: str) -> HttpResponse:
    story = queries.case_study_by_slug(slug)
    return render(
        request,
        "library/case_study.html",
        {
            "story": story,
            "related": queries.related(story),
            "quotes": story.quotes.shown(),
            "credits": story.credits.shown(),
            "images": [a for a in story.attachments.all() if a.kind == Attachment.IMAGE],
            "documents": [a for a in story.attachments.all() if a.kind == Attachment.DOCUMENT],
            "easy_read": _easy_read(request),
        },
    )


@PUBLIC
def glossary(request: HttpRequest) -> HttpResponse:
    terms = list(queries.glossary())
    letters = sorted({term.letter for term in terms})
    return render(request, "library/glossary.html", {"terms": terms, "letters": letters})


@PUBLIC
def toolkit(request: HttpRequest) -> HttpResponse:
    pages = list(queries.toolkit())
    sections = [
        (value, label, [p for p in pages if p.section == value])
        for value, label in ToolkitSection.choices
    ]
    return render(request, "library/toolkit.html", {"sections": sections})


# --- Sharing and moderating ------------------------------------------------------------


def _tags_from(form: Any) -> list[Any]:
    return services.story_tags(
        cos=form.cleaned_data.get("cos") or [],
        service_area=form.cleaned_data.get("service_area", ""),
    )


def share(request: AuthedRequest) -> HttpResponse:
    """Anyone can share a story. Signed-in people skip the name and spam checks."""
    signed_in = request.user.is_authenticated
    form_class = StoryForm if signed_in else ShareForm
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.story_share(by=request.user, details=form.cleaned_data, tags=_tags_from(form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return render(request, "library/shared.html", {"signed_in": signed_in})
    if request.method == "POST" and isinstance(form, ShareForm):
        form.restamp()
    return render(request, "library/share.html", {"form": form, "signed_in": signed_in})


@login_required
def moderation_queue(request: AuthedRequest) -> HttpResponse:
    if not request.user.has_perm("library.moderate"):
        raise PermissionDenied
    return render(
        request,
        "library/moderation_queue.html",
        {
            "waiting": queries.moderated_by(request.user)
            .filter(status__in=[CaseStatus.SUBMITTED, CaseStatus.CHANGES_REQUESTED])
            .order_by("updated_at"),
            "published": queries.moderated_by(request.user)
            .filter(status=CaseStatus.PUBLISHED)
            .order_by("-published_at")[:50],
        },
    )


@login_required
def moderate(request: AuthedRequest, pk: int) -> HttpResponse:
    story = get_object_or_404(CaseStudy.objects.prefetch_related("tags", "history"), pk=pk)
    if not request.user.has_perm("library.moderate_story", story):
        raise PermissionDenied
    form = ModerationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_study_move(
                case_study=story,
                by=request.user,
                to=request.POST.get("to", ""),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Saved: %(status)s.") % {"status": story.get_status_display()}
            )
            return redirect("library:moderate", pk=story.pk)
    return render(
        request,
        "library/moderate.html",
        {
            "story": story,
            "form": form,
            "moves": services.MOVES.get(story.status, {}),
            "statuses": dict(CaseStatus.choices),
        },
        status=400 if form.errors else 200,
    )


@login_required
def my_stories(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "library/my_stories.html",
        {
            "stories": CaseStudy.objects.filter(created_by_id=request.user.pk).order_by(
                "-updated_at"
            )
        },
    )


def _story_to_edit(request: AuthedRequest, pk: int) -> CaseStudy:
    story = get_object_or_404(CaseStudy, pk=pk)
    if not request.user.has_perm("library.edit_story", story):
        raise PermissionDenied
    return story


def _may_name_people(request: AuthedRequest, story: CaseStudy) -> bool:
    """Quotes and credits name people from the organisation's records."""
    return story.organisation is not None and request.user.has_perm(
        "people.list_people", story.organisation
    )


def _edit_page(
    request: AuthedRequest,
    story: CaseStudy,
    *,
    form: EditStoryForm | None = None,
    attach_form: AttachmentForm | None = None,
    quote_form: QuoteForm | None = None,
    credit_form: CreditForm | None = None,
) -> HttpResponse:
    """The story's edit page, with whichever of its forms was sent shown bound."""
    may_name = _may_name_people(request, story)
    if may_name:
        quote_form = quote_form or QuoteForm(organisation=story.organisation)
        credit_form = credit_form or CreditForm(organisation=story.organisation)
    return render(
        request,
        "library/edit_story.html",
        {
            "form": form or EditStoryForm(instance=story),
            "story": story,
            "last": story.history.exclude(reason="").last(),
            "quote_form": quote_form if may_name else None,
            "quotes": story.quotes.all(),
            "attach_form": attach_form or AttachmentForm(),
            "credit_form": credit_form if may_name else None,
            "credits": story.credits.all(),
            "can_raise": story.organisation is not None
            and request.user.has_perm("influence.add_item", story.organisation),
        },
    )


@login_required
def edit_story(request: AuthedRequest, pk: int) -> HttpResponse:
    story = _story_to_edit(request, pk)
    if request.method != "POST":
        return _edit_page(request, story)
    form = EditStoryForm(request.POST, instance=story)
    if form.is_valid():
        try:
            services.case_study_save(
                by=request.user, case_study=story, details=form.cleaned_data, tags=_tags_from(form)
            )
            if form.cleaned_data["send_for_review"] and story.status in (
                CaseStatus.DRAFT,
                CaseStatus.CHANGES_REQUESTED,
            ):
                services.case_study_move(case_study=story, by=request.user, to=CaseStatus.SUBMITTED)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("library:my-stories")
    return _edit_page(request, story, form=form)


@login_required
@require_POST
def story_attachment_add(request: AuthedRequest, pk: int) -> HttpResponse:
    story = _story_to_edit(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(
                case_study=story,
                by=request.user,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                alt_text=form.cleaned_data["alt_text"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Attached."))
            return redirect("library:edit-story", pk=story.pk)
    return _edit_page(request, story, attach_form=form)


def _name_people(
    request: AuthedRequest, pk: int, kind: type[QuoteForm] | type[CreditForm]
) -> HttpResponse:
    """Add a quote or a credit: both name people from the organisation's records, and
    each service checks the person's agreement."""
    story = _story_to_edit(request, pk)
    if not _may_name_people(request, story):
        raise PermissionDenied
    form = kind(request.POST, organisation=story.organisation)
    add, done = (
        (services.quote_add, _("Quote added."))
        if isinstance(form, QuoteForm)
        else (services.credit_add, _("Added."))
    )
    if form.is_valid():
        try:
            add(case_study=story, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("library:edit-story", pk=story.pk)
    return _edit_page(
        request,
        story,
        quote_form=form if isinstance(form, QuoteForm) else None,
        credit_form=form if isinstance(form, CreditForm) else None,
    )


@login_required
@require_POST
def story_quote_add(request: AuthedRequest, pk: int) -> HttpResponse:
    return _name_people(request, pk, QuoteForm)


@login_required
@require_POST
def story_credit_add(request: AuthedRequest, pk: int) -> HttpResponse:
    return _name_people(request, pk, CreditForm)


@login_required
def from_initiative(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "initiatives.change_initiative")
    initiative = initiative_in(organisation=organisation, pk=pk)
    if request.method != "POST":
        return redirect(initiative)
    story = services.draft_from_initiative(initiative=initiative, by=request.user)
    messages.success(
        request,
        _(
            "A draft case study has been started from this initiative. Tell the story, then send it for review."
        ),
    )
    return redirect("library:edit-story", pk=story.pk)


def _edit_reference_page(
    request: HttpRequest,
    *,
    instance: Any,
    form_class: Any,
    save: Any,
    listing: str,
    heading: str,
) -> HttpResponse:
    """Add or change an A to Z term or a toolkit page (network admins only)."""
    if not request.user.has_perm("library.moderate"):
        raise PermissionDenied
    form = form_class(request.POST if request.method == "POST" else None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(by=request.user, details=form.cleaned_data, instance=instance)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(f"{reverse(listing)}#{saved.slug}")
    return render(
        request,
        "library/edit_page.html",
        {"form": form, "heading": heading},
        status=400 if form.errors else 200,
    )


@login_required
def glossary_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    return _edit_reference_page(
        request,
        instance=get_object_or_404(GlossaryTerm, slug=slug) if slug else None,
        form_class=GlossaryTermForm,
        save=services.glossary_term_save,
        listing="library:glossary",
        heading=_("A to Z term"),
    )


@login_required
def toolkit_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    return _edit_reference_page(
        request,
        instance=get_object_or_404(ToolkitPage, slug=slug) if slug else None,
        form_class=ToolkitPageForm,
        save=services.toolkit_page_save,
        listing="library:toolkit",
        heading=_("Toolkit page"),
    )


def attachment_file(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    """A case study's file: public once the story is published; before that, only for
    its author and the moderators."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("case_study"), pk=pk, case_study__slug=slug
    )
    story = attachment.case_study
    if story.status != CaseStatus.PUBLISHED and not request.user.has_perm(
        "library.edit_story", story
    ):
        raise Http404("No file here.")
    response = FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.content_type,
        as_attachment=attachment.kind == Attachment.DOCUMENT,
        filename=f"{story.slug}-{attachment.pk}.{'pdf' if attachment.kind == Attachment.DOCUMENT else attachment.content_type.split('/')[-1]}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def story_item(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    """What one of the organisation's stories raises becomes a "you said, we did" item."""
    organisation = organisation_for_request(request, org_slug, "influence.add_item")
    return said_page(request, organisation, queries.said_in_story(organisation, pk))
