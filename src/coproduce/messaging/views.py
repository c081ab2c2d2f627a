"""Pages for the outbox: what needs following up, what was sent to a person, and the
public page behind each message's "stop these messages" link."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from coproduce.core.errors import status_for
from coproduce.core.forms import add_service_errors
from coproduce.core.http import AuthedRequest
from coproduce.core.models import hash_secret
from coproduce.core.tenancy import organisation_for_request, scoped
from coproduce.messaging import queries, services
from coproduce.messaging.forms import SettingsForm, StopForm
from coproduce.messaging.models import TOPIC_OF, UNSTOPPABLE, Message, Stop, Topic
from coproduce.people.language import speak_their_language
from coproduce.people.queries import person_in
from coproduce.web.forms import posted


@login_required
def follow_up(request: AuthedRequest, org_slug: str) -> HttpResponse:
    """Messages that failed and people to tell in person, oldest first."""
    organisation = organisation_for_request(request, org_slug, "messaging.list_messages")
    page = Paginator(queries.to_follow_up(organisation), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "messaging/follow_up.html",
        {
            "page": page,
            "rows": [(m, queries.shown_body(m)) for m in page.object_list],
            "counts": queries.counts(organisation),
        },
    )


def _follow_up_act(
    request: AuthedRequest, org_slug: str, pk: int, act: Callable[..., Message], done: str
) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "messaging.follow_up")
    message = get_object_or_404(scoped(Message.objects.all(), organisation), pk=pk)
    try:
        act(message=message, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("messaging:follow-up", org_slug=org_slug)


@login_required
@require_POST
def message_done(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    return _follow_up_act(request, org_slug, pk, services.message_done, _("Marked as done."))


@login_required
@require_POST
def message_retry(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    return _follow_up_act(
        request, org_slug, pk, services.message_retry, _("It will be sent again in a minute.")
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_messages(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    """What was sent to one person, what failed, and the messages they stopped."""
    organisation = organisation_for_request(request, org_slug, "messaging.list_messages")
    person = person_in(organisation=organisation, pk=pk)
    form = StopForm(posted(request))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            topic, action = form.cleaned_data["topic"], form.cleaned_data["action"]
            try:
                if action == "stop":
                    services.stop_for(person=person, topic=topic, by=request.user)
                else:
                    services.start_again(person=person, topic=topic, by=request.user)
            except ValidationError as error:
                add_service_errors(form, error)
                status = status_for(error)
            else:
                messages.success(request, _("Saved."))
                return redirect("messaging:person-messages", org_slug=org_slug, pk=pk)
        else:
            status = 400
    page = Paginator(queries.messages_to(person), 25).get_page(request.GET.get("page"))
    stopped = {stop.topic for stop in queries.stopped_topics(person)}
    return render(
        request,
        "messaging/person_messages.html",
        {
            "person": person,
            "page": page,
            "rows": [(m, queries.shown_body(m)) for m in page.object_list],
            "topics": [(v, label, v in stopped) for v, label in queries.stoppable_topics()],
            "form": form,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def settings_edit(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "messaging.follow_up")
    form = SettingsForm(posted(request), initial={"reminder_hours": organisation.reminder_hours})
    if request.method == "POST" and form.is_valid():
        try:
            services.settings_set(organisation=organisation, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("messaging:follow-up", org_slug=org_slug)
    return render(
        request, "messaging/settings.html", {"form": form}, status=400 if form.errors else 200
    )


@never_cache
@require_http_methods(["GET", "POST"])
def stop(request: HttpRequest, token: str) -> HttpResponse:
    """The link in a message: one button to stop that kind of message."""
    message = get_object_or_404(
        Message.objects.select_related("person", "organisation").exclude(
            kind__in=[k for k, topic in TOPIC_OF.items() if topic in UNSTOPPABLE]
        ),
        stop_token_hash=hash_secret(token),
        person__isnull=False,
    )
    speak_their_language(request, message.person)
    if request.method == "POST":
        services.stop_by_link(token=token)
    return render(
        request,
        "messaging/stop.html",
        {
            "message": message,
            "topic": Topic(message.topic).label,
            "done": Stop.objects.filter(person=message.person, topic=message.topic).exists(),
        },
    )
