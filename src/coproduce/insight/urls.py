from django.urls import path

from coproduce.insight import views

app_name = "insight"

urlpatterns = [
    path("orgs/<slug:org_slug>/who-takes-part/", views.participation, name="participation"),
    path("orgs/<slug:org_slug>/who-takes-part/area/", views.reference, name="reference"),
    path("orgs/<slug:org_slug>/network/", views.network_rollup, name="network"),
    path("orgs/<slug:org_slug>/networks/sharing/", views.sharing, name="sharing"),
    path("orgs/<slug:org_slug>/compare/", views.compare, name="compare"),
]
