from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "coproduce.evidence"
    label = "evidence"
    verbose_name = "Evidence of value"

    def ready(self) -> None:
        from coproduce.evidence import versions
        from coproduce.web.navigation import NavEntry, label, register

        versions.watch()
        register(
            NavEntry(
                order=80,
                label=label("Evidence"),
                url_name="evidence:home",
                permission="evidence.view",
                names=("evidence-pack",),
                namespaces=("evidence",),
            )
        )
