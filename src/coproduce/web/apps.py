from django.apps import AppConfig


class WebConfig(AppConfig):
    """UI plumbing shared by every app's pages: the menu, GOV.UK template tags, widgets."""

    name = "coproduce.web"
    label = "web"
    verbose_name = "Pages: navigation, template tags and widgets"

    def ready(self) -> None:
        from coproduce.web.navigation import NavEntry, label, register

        # The organisations' own pages (core sits below web and cannot register itself).
        register(
            NavEntry(
                order=900,
                label=label("Members and roles"),
                url_name="core:membership-list",
                permission="core.manage_memberships",
                name_prefixes=("membership", "invitation"),
            )
        )
