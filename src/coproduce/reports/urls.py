from django.urls import path

from coproduce.reports import annual_views, involvement_views, views

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
    path("annual-review/", annual_views.review_list, name="annual-reviews"),
    path("annual-review/<int:year>/", annual_views.review_page, name="annual-review"),
    path(
        "annual-review/<int:year>/refresh/",
        annual_views.review_refresh,
        name="annual-refresh",
    ),
    path(
        "annual-review/<int:year>/publish/",
        annual_views.review_publish,
        name="annual-publish",
    ),
    path(
        "annual-review/<int:year>/<slug:key>/",
        annual_views.section_edit,
        name="annual-section",
    ),
    path(
        "initiatives/<int:pk>/warnings/",
        views.initiative_warnings_panel,
        name="initiative-warnings",
    ),
]
