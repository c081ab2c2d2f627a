"""The perspective card game for a session: a card drawn at random for a shared
screen, every card to print, and what the group said about each."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coproduce.core.forms import add_service_errors
from coproduce.core.http import AuthedRequest
from coproduce.core.models import Organisation
from coproduce.core.tenancy import organisation_for_request
from coproduce.sessions.models import Session
from coproduce.sessions.queries import session_in
from coproduce.workshop import services
from coproduce.workshop.cards import BY_KEY, CARDS, PERSPECTIVES
from coproduce.workshop.forms import ItemForm, ReflectionForm
from coproduce.workshop.models import Reflection


def _drawn(request: AuthedRequest, talked_about: set[str]) -> str:
    """The card asked for, or one at random from those the group has not talked
    about yet (from one perspective if chosen)."""
    asked = request.GET.get("card", "")
    if asked in BY_KEY:
        return asked
    perspective = request.GET.get("perspective", "")
    pile = [card.key for card in CARDS if perspective in ("", card.perspective)]
    fresh = [key for key in pile if key not in talked_about] or pile or list(BY_KEY)
    return secrets.choice(fresh)


def _page(
    request: AuthedRequest,
    organisation: Organisation,
    session: Session,
    form: ReflectionForm,
    item_error: str = "",
) -> HttpResponse:
    reflections = list(Reflection.objects.filter(session=session).select_related("item"))
    key = form.data.get("card") if form.is_bound else None
    card = BY_KEY[key if key in BY_KEY else _drawn(request, {r.card for r in reflections})]
    for reflection in reflections:
        reflection.card_shown = BY_KEY.get(reflection.card)  # type: ignore[attr-defined]
    if not form.is_bound:
        form = ReflectionForm(initial={"card": card.key})
    return render(
        request,
        "workshop/cards.html",
        {
            "session": session,
            "card": card,
            "perspective": PERSPECTIVES[card.perspective],
            "perspectives": PERSPECTIVES.items(),
            "chosen": request.GET.get("perspective", ""),
            "form": form,
            "item_error": item_error,
            "reflections": reflections,
            "can_make_item": request.user.has_perm("influence.add_item", organisation),
        },
        status=400 if form.errors or item_error else 200,
    )


@login_required
def cards(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "workshop.play")
    session = session_in(organisation=organisation, pk=pk)
    form = ReflectionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reflection_add(session=session, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved with the session."))
            return redirect("workshop:cards", org_slug=org_slug, pk=pk)
    return _page(request, organisation, session, form)


@login_required
def cards_print(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "workshop.play")
    session = session_in(organisation=organisation, pk=pk)
    return render(
        request,
        "workshop/print.html",
        {
            "session": session,
            "cards": [(PERSPECTIVES[card.perspective], card) for card in CARDS],
        },
    )


@login_required
@require_POST
def reflection_item(
    request: AuthedRequest, org_slug: str, pk: int, reflection_pk: int
) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "influence.add_item")
    session = session_in(organisation=organisation, pk=pk)
    reflection = get_object_or_404(Reflection, session=session, pk=reflection_pk)
    form = ItemForm(request.POST)
    if not form.is_valid():
        return _page(
            request,
            organisation,
            session,
            ReflectionForm(),
            _("Say in a few words what was raised."),
        )
    try:
        item = services.reflection_to_item(
            reflection=reflection, by=request.user, title=form.cleaned_data["title"]
        )
    except ValidationError as error:
        return _page(request, organisation, session, ReflectionForm(), " ".join(error.messages))
    messages.success(request, _("It is on your “you said, we did” log."))
    return redirect(item.get_absolute_url())
