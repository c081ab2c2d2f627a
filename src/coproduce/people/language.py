"""Pages given to someone through their own link (an answer link, a survey, an
opportunity, a stop link) speak their language: Welsh when their record says so,
unless they chose a language with the switch on the page."""

from __future__ import annotations

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
