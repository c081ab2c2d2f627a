from django.apps import AppConfig


class OpportunitiesConfig(AppConfig):
    name = "coproduce.opportunities"
    label = "opportunities"
    verbose_name = "Opportunities to get involved"

    def ready(self) -> None:
        from coproduce.opportunities import rules  # noqa: F401  (registers the rules)
