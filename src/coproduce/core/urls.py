from django.urls import path

from coproduce.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("organisations/", views.dashboard, name="dashboard"),
    path("orgs/<slug:org_slug>/members/", views.membership_list, name="membership-list"),
    path(
        "orgs/<slug:org_slug>/members/<int:pk>/",
        views.membership_change,
        name="membership-change",
    ),
    path(
        "orgs/<slug:org_slug>/invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="invitation-revoke",
    ),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation-accept"),
]
