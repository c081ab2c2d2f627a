from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "coproduce.assessments"
    label = "assessments"
    verbose_name = "Self-assessment and peer review"

    def ready(self) -> None:
        from coproduce.web.navigation import NavEntry, label, register

        register(
            NavEntry(
                order=90,
                label=label("Assessments"),
                url_name="assessments:assessment-list",
                permission="assessments.list_assessments",
                name_prefixes=("assessment", "levels"),
            )
        )
