from typing import Any

from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "coproduce.library"
    label = "library"
    verbose_name = "Case studies, glossary and toolkit"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from coproduce.library import rules  # noqa: F401  (registers the rules)
        from coproduce.library.models import CaseStudy, GlossaryTerm

        post_delete.connect(_unindex, sender=CaseStudy, dispatch_uid="library_unindex")
        # The A to Z's other names change what a search looks for.
        post_save.connect(_glossary_changed, sender=GlossaryTerm, dispatch_uid="glossary_saved")
        post_delete.connect(_glossary_changed, sender=GlossaryTerm, dispatch_uid="glossary_gone")


def _unindex(sender: Any, instance: Any, **kwargs: Any) -> None:
    from coproduce.library.search import unindex

    unindex(instance.pk)


def _glossary_changed(sender: Any, **kwargs: Any) -> None:
    from coproduce.library.search import library_changed

    library_changed()
