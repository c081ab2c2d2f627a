from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "coproduce.library"
    label = "library"
    verbose_name = "Case studies, glossary and toolkit"
