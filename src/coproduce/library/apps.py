from typing import Any

from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "coproduce.library"
    label = "library"
    verbose_name = "Case studies, glossary and toolkit"

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from coproduce.library import rules  # noqa: F401  (registers the rules)
        from coproduce.library.models import CaseStudy

        post_delete.connect(_unindex, sender=CaseStudy, dispatch_uid="library_unindex")


def _unindex(sender: Any, instance: Any, **kwargs: Any) -> None:
    from coproduce.library.search import unindex

    unindex(instance.pk)
