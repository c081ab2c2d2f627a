from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "coproduce.frameworks"
    label = "frameworks"
    verbose_name = "Frameworks"
