"""Own links: a private link each for people who never sign in (to answer a survey, to
say they are interested). Only a hash of each link's secret is kept, and the secret is
shown once. One mechanism for every kind of link."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import Any

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coproduce.core.models import Organisation, hash_secret
from coproduce.people.models import Person
from coproduce.web.forms import RecordsChoiceField


def own_links_create(
    link_model: type[models.Model], *, people: Iterable[Person], **scope: Any
) -> list[tuple[Person, str]]:
    """A link of `link_model` for each person (of the scope's organisation, not erased)
    who has none in `scope` yet (e.g. survey=…). Returns (person, secret) for the new
    ones; people who have a link keep it."""
    organisation = next(iter(scope.values())).organisation
    chosen = [p for p in people if p.organisation_id == organisation.pk and p.erased_at is None]
    have = set(
        link_model._default_manager.filter(person__in=chosen, **scope).values_list(
            "person_id", flat=True
        )
    )
    made = []
    for person in chosen:
        if person.pk in have:
            continue
        token = secrets.token_urlsafe(24)
        link_model._default_manager.create(
            organisation=organisation, person=person, token_hash=hash_secret(token), **scope
        )
        made.append((person, token))
    return made


class OwnLinksForm(forms.Form):
    """Choose the people to give their own link."""

    people = RecordsChoiceField(
        label=_("People to give their own link"),
        queryset=Person.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        error_messages={"required": _("Choose at least one person.")},
    )
    send = forms.BooleanField(
        label=_("Send each person their link, the way they prefer"),
        help_text=_(
            "By email, text or letter, as their record says. People who hear in person "
            "are listed on the Messages page, with their link to give them."
        ),
        required=False,
        initial=True,
    )

    def __init__(
        self, *args: Any, organisation: Organisation, help_text: str = "", **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["people"]
        assert isinstance(field, RecordsChoiceField)
        field.queryset = Person.objects.choosable(organisation)
        field.help_text = help_text


def reminder_secrets(link_model: type[models.Model], rows: list[Any]) -> list[tuple[Any, str]]:
    """A second secret for each own link, carried by its one reminder: only its hash is
    kept (`reminder_token_hash`), and the first link keeps working too."""
    made = []
    for row in rows:
        token = secrets.token_urlsafe(24)
        row.reminder_token_hash = hash_secret(token)
        row.reminded_at = timezone.now()
        made.append((row, token))
    link_model._default_manager.bulk_update(rows, ["reminder_token_hash", "reminded_at"])
    return made
