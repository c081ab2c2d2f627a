"""Pages given to someone through their own link (an answer link, a survey, an
opportunity, a stop link) speak their language: Welsh when their record says so,
unless they chose a language with the switch on the page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation

from coproduce.people.models import Person


def speak_their_language(request: HttpRequest, person: Person | None) -> None:
    if person is None or request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME):
        return
    if person.language_code == "cy":
        translation.activate("cy")
        request.LANGUAGE_CODE = "cy"


SESSION_KEY = "coproduce_language"


def remember_their_language(
    sender: object, request: HttpRequest, user: Any, **kwargs: object
) -> None:
    """On signing in: someone whose record says Welsh gets Welsh pages (until they
    choose otherwise with the switch)."""
    if request is None or not hasattr(request, "session"):
        return
    welsh = any(
        person.language_code == "cy"
        for person in Person.objects.filter(user=user, erased_at__isnull=True)
    )
    if welsh:
        request.session[SESSION_KEY] = "cy"


class TheirLanguageMiddleware:
    """After LocaleMiddleware and sign-in: the language remembered at sign-in, unless the
    switch set one."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> Any:
        session = getattr(request, "session", None)
        language = session.get(SESSION_KEY) if session is not None else None
        if language and not request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME):
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
