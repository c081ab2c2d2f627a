from django.urls import path

from coproduce.reports import involvement_views, views

app_name = "reports"

urlpatterns = [
    path("", views.organisation_home, name="organisation-home"),
    path("map/", views.organisation_map, name="organisation-map"),
    path("evidence-pack/", views.evidence_pack, name="evidence-pack"),
    path("initiatives/<int:pk>/coverage/", views.initiative_coverage, name="initiative-coverage"),
    path(
        "people/<int:pk>/involvement/",
        involvement_views.involvement_record,
        name="involvement-record",
    ),
    path(
        "initiatives/<int:pk>/warnings/",
        views.initiative_warnings_panel,
        name="initiative-warnings",
    ),
]
