from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "coproduce.insight"
    label = "insight"
    verbose_name = "Insight"

    def ready(self) -> None:
        from coproduce.insight import rules  # noqa: F401  (registers the named rules)
        from coproduce.web.navigation import NavEntry, label, register

        register(
            NavEntry(
                order=75,
                label=label("Who takes part"),
                url_name="insight:participation",
                permission="insight.view_participation",
                names=("participation", "reference"),
            )
        )
        register(
            NavEntry(
                order=74,
                label=label("Our members' work"),
                url_name="insight:network",
                permission="insight.view_network",
                names=("network",),
            )
        )
        register(
            NavEntry(
                order=77,
                label=label("Compare"),
                url_name="insight:compare",
                permission="insight.view_benchmarks",
                names=("compare",),
            )
        )
