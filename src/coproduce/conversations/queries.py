"""Reads for conversations. An organisation's own threads, and for its staff the
questions its networks put to their members. Who wrote a sensitive contribution is
worked out here, once, so no page can show it by mistake."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.conversations.models import Helped, ModerationNote, Moderator, Post, Thread
from coproduce.core.models import Organisation, User
from coproduce.core.queries import networks_around
from coproduce.influence.queries import Said


def threads_for(organisation: Organisation, *, staff: bool) -> QuerySet[Thread]:
    """Its own threads; with `staff`, its networks' questions to their members too."""
    seen = Q(organisation=organisation)
    if staff:
        seen |= Q(network_wide=True, organisation__in=networks_around(organisation))
    return (
        Thread.objects.filter(seen)
        .select_related("organisation", "initiative")
        .annotate(replies=Count("posts"))
    )


def thread_for(organisation: Organisation, pk: int, *, staff: bool) -> Thread:
    return get_object_or_404(threads_for(organisation, staff=staff), pk=pk)


def is_moderator(thread: Thread, user: User) -> bool:
    """A named moderator of the organisation that owns the thread."""
    return Moderator.objects.filter(organisation_id=thread.organisation_id, user=user).exists()


def moderators_of(organisation: Organisation) -> QuerySet[Moderator]:
    return Moderator.objects.filter(organisation=organisation).select_related("user")


@dataclass
class Shown:
    """A post as one reader may see it."""

    post: Post
    author: str
    # Said beside the name: "only moderators see this", or "you".
    note: str
    body: str
    helped: int
    helped_by_me: bool


def _name(post: Post) -> str:
    if post.author is None:
        return _("Someone who has left")
    full = post.author.get_full_name()
    return full or _("Someone from %(organisation)s") % {"organisation": post.from_organisation}


def posts_shown(thread: Thread, reader: User, *, moderator: bool) -> list[Shown]:
    """The thread's posts for this reader. A sensitive post's author is named only to
    the named moderators (and to its author); a hidden post's words only to moderators."""
    posts = (
        Post.objects.filter(thread=thread)
        .select_related("author", "from_organisation")
        .annotate(
            helped_count=Count("helped"),
            mine=Exists(Helped.objects.filter(post=OuterRef("pk"), user=reader)),
        )
    )
    shown = []
    for post in posts:
        author, note = _name(post), ""
        if post.sensitive:
            if moderator:
                note = _("marked sensitive: only moderators see this name")
            elif post.author_id == reader.pk:
                note = _("you: only the moderators see it was you")
            else:
                author = _("Someone who asked not to be named")
        body = post.body
        if post.hidden_at is not None and not moderator:
            body = ""
        shown.append(Shown(post, author, note, body, post.helped_count, post.mine))
    return shown


def moderation_of(thread: Thread) -> QuerySet[ModerationNote]:
    return ModerationNote.objects.filter(thread=thread).select_related("post")


def talked_about(
    organisation: Organisation, since: datetime.datetime, shown: int = 10
) -> list[tuple[Thread, int]]:
    """The threads its staff can read that had messages since then, with how many (shown
    ones only), busiest first: for the weekly email."""
    rows = (
        threads_for(organisation, staff=True)
        .annotate(
            new=Count(
                "posts", filter=Q(posts__created_at__gte=since, posts__hidden_at__isnull=True)
            )
        )
        .filter(new__gt=0)
        .order_by("-new", "title")[:shown]
    )
    return [(thread, thread.new) for thread in rows]


def said_in_thread(thread: Thread) -> Said:
    """What a conversation brings to a "you said, we did" item: its opening message
    (unless hidden), raised by the people in it, nobody named."""
    opening = Post.objects.filter(thread=thread).order_by("created_at", "id").first()
    return Said(
        key=f"thread:{thread.pk}",
        words=opening.body if opening and opening.hidden_at is None else "",
        group=_("People in the conversation"),
        came_from=_("The conversation “%(title)s”") % {"title": thread.title},
        url=reverse(
            "conversations:thread", kwargs={"org_slug": thread.organisation.slug, "pk": thread.pk}
        ),
        raised_on=timezone.localdate(thread.created_at),
        title=thread.title[:200],
        initiative=thread.initiative,
    )
