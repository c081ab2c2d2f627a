from django.apps import AppConfig


class InfluenceConfig(AppConfig):
    name = "coproduce.influence"
    label = "influence"
    verbose_name = "You said, we did"

    def ready(self) -> None:
        from coproduce.web.navigation import NavEntry, label, register

        register(
            NavEntry(
                order=50,
                label=label("You said, we did"),
                url_name="influence:item-list",
                permission="influence.list_items",
                name_prefixes=("item", "targets"),
            )
        )
