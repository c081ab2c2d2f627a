from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "coproduce.reports"
    label = "reports"
    verbose_name = "Dashboards and reports"

    def ready(self) -> None:
        from coproduce.web.navigation import NavEntry, label, register

        register(
            NavEntry(
                order=10,
                label=label("Home"),
                url_name="reports:organisation-home",
                names=("organisation-home",),
            )
        )
