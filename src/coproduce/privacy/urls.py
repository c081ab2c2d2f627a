from django.urls import path

from coproduce.privacy import views

app_name = "privacy"

base = "orgs/<slug:org_slug>/people/<int:pk>/"
urlpatterns = [
    path("orgs/<slug:org_slug>/privacy/", views.overview, name="overview"),
    path(f"{base}data/", views.person_data, name="person-data"),
    path(f"{base}erase/", views.person_erase, name="person-erase"),
    path(f"{base}data/exports/", views.export_create, name="export-create"),
    path(f"{base}data/exports/<int:export_pk>/", views.export, name="export"),
    path(
        f"{base}data/exports/<int:export_pk>/your-data.<str:fmt>",
        views.export_download,
        name="export-download",
    ),
]
