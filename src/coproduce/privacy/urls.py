from django.urls import path

from coproduce.privacy import views

app_name = "privacy"

base = "orgs/<slug:org_slug>/people/<int:pk>/"
urlpatterns = [
    path("orgs/<slug:org_slug>/privacy/", views.overview, name="overview"),
    path(f"{base}data/", views.person_data, name="person-data"),
    path(f"{base}erase/", views.person_erase, name="person-erase"),
]
