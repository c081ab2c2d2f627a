from django.apps import AppConfig


class ConversationsConfig(AppConfig):
    name = "coproduce.conversations"
    label = "conversations"
    verbose_name = "Conversations"

    def ready(self) -> None:
        from coproduce.web.navigation import NavEntry, label, register

        register(
            NavEntry(
                order=66,
                label=label("Conversations"),
                url_name="conversations:list",
                permission="conversations.view",
                namespaces=("conversations",),
            )
        )
        from coproduce.conversations import rules  # noqa: F401  (registers the rules)
