from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "coproduce.people"
    label = "people"
    verbose_name = "People"

    def ready(self) -> None:
        from coproduce.web.navigation import NavEntry, label, register

        register(
            NavEntry(
                order=20,
                label=label("People"),
                url_name="people:person-list",
                permission="people.list_people",
                name_prefixes=("person",),
            )
        )
