from django.apps import AppConfig


class RecognitionConfig(AppConfig):
    name = "coproduce.recognition"
    label = "recognition"
    verbose_name = "Recognition: time credits, payments and expenses"

    def ready(self) -> None:
        from coproduce.recognition import rules  # noqa: F401  (registers the rules)
