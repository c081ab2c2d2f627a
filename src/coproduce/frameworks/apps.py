from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "coproduce.frameworks"
    label = "frameworks"
    verbose_name = "Frameworks"

    def ready(self) -> None:
        from coproduce.web.navigation import NavEntry, label, register

        register(
            NavEntry(
                order=100,
                label=label("Frameworks"),
                url_name="frameworks:org-framework-list",
                name_prefixes=("org-framework",),
            )
        )
