from django.apps import AppConfig


class OpportunitiesConfig(AppConfig):
    name = "coproduce.opportunities"
    label = "opportunities"
    verbose_name = "Opportunities to get involved"

    def ready(self) -> None:
        from coproduce.web.navigation import NavEntry, label, register

        register(
            NavEntry(
                order=70,
                label=label("Opportunities"),
                url_name="opportunities:opportunity-list",
                permission="opportunities.view_opportunity",
                namespaces=("opportunities",),
            )
        )
        from coproduce.opportunities import rules  # noqa: F401  (registers the rules)
