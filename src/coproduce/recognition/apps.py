from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from coproduce.core.models import Organisation, User


class RecognitionConfig(AppConfig):
    name = "coproduce.recognition"
    label = "recognition"
    verbose_name = "Recognition: time credits, payments and expenses"

    def ready(self) -> None:
        from coproduce.web.navigation import NavEntry, register

        register(
            NavEntry(
                order=60,
                label=_label,
                url_name="recognition:overview",
                permission="recognition.own_statement",
                namespaces=("recognition",),
            )
        )
        from coproduce.recognition import rules  # noqa: F401  (registers the rules)


def _label(user: User | AnonymousUser, organisation: Organisation) -> str:
    """Staff see everyone's recognition; a co-producer sees their own."""
    if user.has_perm("recognition.view_ledger", organisation):
        return _("Recognition")
    return _("Your recognition")
