"""Pages for conversations. Thin: reads from queries.py, writes through services.py."""

from __future__ import annotations

import functools
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coproduce.conversations import channels, queries, services
from coproduce.conversations.forms import (
    ModeratorsForm,
    ReasonForm,
    ReplyForm,
    ThreadForm,
)
from coproduce.conversations.models import Post, Thread
from coproduce.core.forms import add_service_errors
from coproduce.core.http import AuthedRequest
from coproduce.core.models import Organisation
from coproduce.core.rules import is_staff_role
from coproduce.core.tenancy import organisation_for_request
from coproduce.influence.views import said_page


def _thread(request: AuthedRequest, org_slug: str, pk: int) -> tuple[Organisation, Thread]:
    organisation = organisation_for_request(request, org_slug, "conversations.view")
    staff = is_staff_role(request.user, organisation)
    return organisation, queries.thread_for(organisation, pk, staff=staff)


def _may_write(request: AuthedRequest, organisation: Organisation, thread: Thread) -> bool:
    """Their own organisation's threads for co-producers and staff; a network's
    question for its members' staff (the only ones who see it)."""
    if thread.organisation_id == organisation.pk:
        return request.user.has_perm("conversations.take_part", organisation)
    return bool(is_staff_role(request.user, organisation))


def _moderates(request: AuthedRequest, organisation: Organisation, thread: Thread) -> bool:
    return thread.organisation_id == organisation.pk and request.user.has_perm(
        "conversations.moderate", organisation
    )


@login_required
def thread_list(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "conversations.view")
    threads = queries.threads_for(organisation, staff=is_staff_role(request.user, organisation))
    initiative = request.GET.get("initiative", "")
    if initiative.isdigit():
        threads = threads.filter(initiative_id=int(initiative))
    return render(
        request,
        "conversations/thread_list.html",
        {
            "threads": threads[:100],
            "can_start": request.user.has_perm("conversations.take_part", organisation),
            "can_name": request.user.has_perm("conversations.name_moderators", organisation),
            "initiative": initiative if initiative.isdigit() else "",
        },
    )


@login_required
def thread_new(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "conversations.take_part")
    form = ThreadForm(
        request.POST if request.method == "POST" else None,
        organisation=organisation,
        initial={"initiative": request.GET.get("initiative"), "topic": "general"},
    )
    if request.method == "POST" and form.is_valid():
        try:
            started = services.thread_start(
                organisation=organisation, by=request.user, details=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("conversations:thread", org_slug=org_slug, pk=started.pk)
    return render(
        request,
        "conversations/thread_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def _thread_page(
    request: AuthedRequest,
    organisation: Organisation,
    thread: Thread,
    form: ReplyForm | None,
    status: int = 200,
) -> HttpResponse:
    moderator = _moderates(request, organisation, thread)
    context: dict[str, Any] = {
        "thread": thread,
        "posts": queries.posts_shown(thread, request.user, moderator=moderator),
        "moderation": queries.moderation_of(thread),
        "form": form,
        "moderator": moderator,
        "ours": thread.organisation_id == organisation.pk,
        "can_make_item": thread.organisation_id == organisation.pk
        and request.user.has_perm("influence.add_item", organisation),
    }
    return render(request, "conversations/thread.html", context, status=status)


@login_required
def thread(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    organisation, found = _thread(request, org_slug, pk)
    writes = _may_write(request, organisation, found) and found.closed_at is None
    if request.method == "POST" and not writes:
        raise Http404
    form = ReplyForm(request.POST if request.method == "POST" else None) if writes else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.reply(
                thread=found,
                by=request.user,
                from_organisation=organisation,
                body=form.cleaned_data["body"],
                sensitive=form.cleaned_data["sensitive"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your reply is posted."))
            return redirect("conversations:thread", org_slug=org_slug, pk=pk)
    return _thread_page(
        request, organisation, found, form, status=400 if form is not None and form.errors else 200
    )


def _post_in(thread: Thread, post_pk: int) -> Post:
    return get_object_or_404(Post.objects.select_related("thread"), thread=thread, pk=post_pk)


@login_required
@require_POST
def post_helped(request: AuthedRequest, org_slug: str, pk: int, post_pk: int) -> HttpResponse:
    organisation, found = _thread(request, org_slug, pk)
    if not _may_write(request, organisation, found):
        raise Http404
    services.helped_toggle(post=_post_in(found, post_pk), by=request.user)
    return redirect(_back(org_slug, pk, post_pk))


def _back(org_slug: str, pk: int, post_pk: int) -> str:
    address = reverse("conversations:thread", kwargs={"org_slug": org_slug, "pk": pk})
    return f"{address}#post-{post_pk}"


@login_required
@require_POST
def post_moderate(request: AuthedRequest, org_slug: str, pk: int, post_pk: int) -> HttpResponse:
    organisation, found = _thread(request, org_slug, pk)
    if not _moderates(request, organisation, found):
        raise Http404
    post = _post_in(found, post_pk)
    form = ReasonForm(request.POST)
    if form.is_valid():
        services.post_moderate(
            post=post,
            by=request.user,
            hide=request.POST.get("hide") == "1",
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, _("Done. The reason is shown on the conversation."))
        return redirect(_back(org_slug, pk, post_pk))
    messages.error(request, _("Say why, so everyone can see it."))
    return _thread_page(request, organisation, found, None, status=400)


@login_required
@require_POST
def thread_close(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    organisation, found = _thread(request, org_slug, pk)
    if not _moderates(request, organisation, found):
        raise Http404
    form = ReasonForm(request.POST)
    if form.is_valid():
        services.thread_close(thread=found, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("The conversation is closed."))
        return redirect("conversations:thread", org_slug=org_slug, pk=pk)
    messages.error(request, _("Say why, so everyone can see it."))
    return _thread_page(request, organisation, found, None, status=400)


@login_required
def thread_outcome(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    organisation, found = _thread(request, org_slug, pk)
    if found.organisation_id != organisation.pk or not request.user.has_perm(
        "influence.add_item", organisation
    ):
        raise Http404
    return said_page(
        request,
        organisation,
        queries.said_in_thread(found),
        make=functools.partial(services.thread_to_item, thread=found),
    )


@login_required
def moderators(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "conversations.name_moderators")
    named = [moderator.user for moderator in queries.moderators_of(organisation)]
    form = ModeratorsForm(
        request.POST if request.method == "POST" else None,
        organisation=organisation,
        initial={"users": named},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.moderators_set(
                organisation=organisation, by=request.user, users=form.cleaned_data["users"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Moderators saved."))
            return redirect("conversations:list", org_slug=org_slug)
    return render(
        request,
        "conversations/moderators.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@login_required
def said_item(request: AuthedRequest, org_slug: str, kind: str, pk: int) -> HttpResponse:
    """A survey answer or a coded passage becomes a "you said, we did" item."""
    organisation = organisation_for_request(request, org_slug, "influence.add_item")
    return said_page(request, organisation, channels.said_in(organisation, kind, pk))
