from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "coproduce.messaging"
    label = "messaging"
    verbose_name = "Messages"

    def ready(self) -> None:
        from coproduce.web.navigation import NavEntry, label, register

        register(
            NavEntry(
                order=85,
                label=label("Messages"),
                url_name="messaging:follow-up",
                permission="messaging.list_messages",
                name_prefixes=("follow-up", "person-messages"),
            )
        )
