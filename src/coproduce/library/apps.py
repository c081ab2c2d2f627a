from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "coproduce.library"
    label = "library"
    verbose_name = "Case studies, glossary and toolkit"

    def ready(self) -> None:
        from coproduce.library import rules  # noqa: F401  (registers the rules)
