from django.apps import AppConfig


class SessionsConfig(AppConfig):
    name = "coproduce.sessions"
    # "sessions" is taken by django.contrib.sessions, so this one app breaks the
    # label-is-the-folder rule; templates, URLs and rule names still say "sessions".
    label = "coproduce_sessions"
    verbose_name = "Sessions and attendance"

    def ready(self) -> None:
        from coproduce.web.navigation import NavEntry, label, register

        register(
            NavEntry(
                order=40,
                label=label("Sessions"),
                url_name="sessions:session-list",
                permission="sessions.list_sessions",
                name_prefixes=("session", "register", "attendance"),
            )
        )
