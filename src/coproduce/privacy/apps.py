from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "coproduce.privacy"
    label = "privacy"
    verbose_name = "Data protection rights"

    def ready(self) -> None:
        from coproduce.web.navigation import NavEntry, label, register

        register(
            NavEntry(
                order=110,
                label=label("Data protection"),
                url_name="privacy:overview",
                permission="privacy.manage",
                namespaces=("privacy",),
            )
        )
