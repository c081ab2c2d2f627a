from django.urls import path

from coproduce.initiatives import views

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
    path(f"{base}<int:pk>/stakeholders/", views.stakeholders, name="stakeholders"),
    path(f"{base}<int:pk>/priorities/", views.priorities, name="priorities"),
    path(f"{base}<int:pk>/charter/", views.charter, name="charter"),
    path(f"{base}<int:pk>/coverage/save/", views.coverage_save, name="coverage-save"),
]
