from django.urls import path

from coproduce.core import join_views, setup_views, token_views, views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("organisations/", views.dashboard, name="dashboard"),
    path("organisations/new/", setup_views.organisation_start, name="organisation-start"),
    path("organisations/join/", join_views.organisation_find, name="organisation-find"),
    path("organisations/join/<slug:slug>/", join_views.join_ask, name="join-ask"),
    path("operator/organisations/", setup_views.operator_requests, name="operator-requests"),
    path(
        "operator/organisations/<int:pk>/",
        setup_views.operator_decide,
        name="operator-decide",
    ),
    path("orgs/<slug:org_slug>/members/", views.membership_list, name="membership-list"),
    path(
        "orgs/<slug:org_slug>/members/<int:pk>/",
        views.membership_change,
        name="membership-change",
    ),
    path("orgs/<slug:org_slug>/join-requests/", join_views.join_requests, name="join-requests"),
    path(
        "orgs/<slug:org_slug>/join-requests/<int:pk>/",
        join_views.join_decide,
        name="join-decide",
    ),
    path(
        "orgs/<slug:org_slug>/invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="invitation-revoke",
    ),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation-accept"),
    path("account/api-tokens/", token_views.api_token_list, name="api-tokens"),
    path(
        "account/api-tokens/<int:pk>/revoke/",
        token_views.api_token_revoke,
        name="api-token-revoke",
    ),
]
