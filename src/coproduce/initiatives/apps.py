from django.apps import AppConfig


class InitiativesConfig(AppConfig):
    name = "coproduce.initiatives"
    label = "initiatives"
    verbose_name = "Initiatives and planning"
