from django.urls import path

from coproduce.initiatives import planning_views, views

app_name = "initiatives"

base = "orgs/<slug:org_slug>/initiatives/"
urlpatterns = [
    path(base, views.initiative_list, name="initiative-list"),
    path(f"{base}new/", views.initiative_create, name="initiative-create"),
    path(f"{base}<int:pk>/", views.initiative_detail, name="initiative-detail"),
    path(f"{base}<int:pk>/edit/", views.initiative_edit, name="initiative-edit"),
    path(
        f"{base}<int:pk>/team/<int:member_pk>/leave/",
        views.team_member_leave,
        name="team-member-leave",
    ),
    path(
        f"{base}<int:pk>/team/<int:member_pk>/remove/",
        views.team_member_remove,
        name="team-member-remove",
    ),
    path(f"{base}<int:pk>/stakeholders/", views.stakeholders, name="stakeholders"),
    path(f"{base}<int:pk>/priorities/", views.priorities, name="priorities"),
    *[
        route
        for tool in planning_views.TOOLS
        for route in (
            path(
                f"{base}<int:pk>/{tool}/<int:row_pk>/",
                planning_views.planning_row_edit,
                {"tool": tool},
                name=f"{tool}-edit",
            ),
            path(
                f"{base}<int:pk>/{tool}/<int:row_pk>/remove/",
                planning_views.planning_row_remove,
                {"tool": tool},
                name=f"{tool}-remove",
            ),
        )
    ],
    path(f"{base}<int:pk>/charter/", views.charter, name="charter"),
    path(f"{base}<int:pk>/coverage/save/", views.coverage_save, name="coverage-save"),
]
