from django.urls import path

from coproduce.frameworks import views

app_name = "frameworks"

urlpatterns = [
    path("frameworks/", views.framework_list, name="framework-list"),
    path("frameworks/<slug:key>/", views.framework_detail, name="framework-detail"),
    path("orgs/<slug:org_slug>/frameworks/", views.org_framework_list, name="org-framework-list"),
    path(
        "orgs/<slug:org_slug>/frameworks/new/",
        views.org_framework_create,
        name="org-framework-create",
    ),
    path(
        "orgs/<slug:org_slug>/frameworks/<slug:key>/",
        views.org_framework_detail,
        name="org-framework-detail",
    ),
]
