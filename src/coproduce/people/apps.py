from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "coproduce.people"
    label = "people"
    verbose_name = "People"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from coproduce.people.language import remember_their_language
        from coproduce.web.navigation import NavEntry, label, register

        user_logged_in.connect(remember_their_language, dispatch_uid="their-language")

        register(
            NavEntry(
                order=20,
                label=label("People"),
                url_name="people:person-list",
                permission="people.list_people",
                name_prefixes=("person",),
            )
        )
