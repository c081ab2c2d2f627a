from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "coproduce.assessments"
    label = "assessments"
    verbose_name = "Self-assessment and peer review"
