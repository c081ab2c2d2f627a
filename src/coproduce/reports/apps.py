from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "coproduce.reports"
    label = "reports"
    verbose_name = "Dashboards and reports"

    def ready(self) -> None:
        from coproduce.reports import rules  # noqa: F401  (registers the named rules)
        from coproduce.web.navigation import NavEntry, label, register

        register(
            NavEntry(
                order=10,
                label=label("Home"),
                url_name="reports:organisation-home",
                names=("organisation-home",),
            )
        )
        register(
            NavEntry(
                order=76,
                label=label("Annual review"),
                url_name="reports:annual-reviews",
                permission="reports.view_review",
                name_prefixes=("annual-",),
            )
        )
