from django.apps import AppConfig


class InitiativesConfig(AppConfig):
    name = "coproduce.initiatives"
    label = "initiatives"
    verbose_name = "Initiatives and planning"

    def ready(self) -> None:
        from coproduce.web.navigation import NavEntry, label, register

        register(
            NavEntry(
                order=30,
                label=label("Initiatives"),
                url_name="initiatives:initiative-list",
                permission="initiatives.list_initiatives",
                name_prefixes=("initiative", "stakeholders", "priorities", "charter", "team"),
            )
        )
