from django.apps import AppConfig


class InfluenceConfig(AppConfig):
    name = "coproduce.influence"
    label = "influence"
    verbose_name = "You said, we did"
