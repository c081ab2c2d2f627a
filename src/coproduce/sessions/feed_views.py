"""Private calendar links: staff make them, calendars fetch them without signing in."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from coproduce.core.http import AuthedRequest
from coproduce.core.tenancy import organisation_for_request
from coproduce.sessions import feeds
from coproduce.sessions.forms import CalendarFeedForm
from coproduce.sessions.invitations import calendar
from coproduce.web.forms import posted


@login_required
@require_http_methods(["GET", "POST"])
def calendar_links(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "sessions.add_session")
    form = CalendarFeedForm(posted(request), organisation=organisation)
    made = None
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["person"]
        token = feeds.feed_make(
            organisation=organisation,
            by=request.user,
            person=person,
            send=form.cleaned_data["send"],
        )
        url = feeds.feed_url(token)
        made = {
            "person": person,
            "url": url,
            "webcal": "webcal://" + url.split("://", 1)[1],
            "sent": bool(person and form.cleaned_data["send"]),
        }
    return render(
        request,
        "sessions/calendar_links.html",
        {"form": form, "made": made},
        status=400 if form.errors else 200,
    )


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The calendar itself, for a calendar app to subscribe to."""
    feed = feeds.feed_for(token)
    name = feed.organisation.name
    if feed.person is not None:
        name = f"{feed.person.preferred_name}: {name}"
    response = HttpResponse(
        calendar(feeds.feed_sessions(feed), name=name),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="sessions.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response
