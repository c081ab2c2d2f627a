from django.urls import path

from coproduce.opportunities import views

app_name = "opportunities"

base = "orgs/<slug:org_slug>/opportunities/"
urlpatterns = [
    path(base, views.opportunity_list, name="opportunity-list"),
    path(f"{base}new/", views.opportunity_create, name="opportunity-create"),
    path(f"{base}<int:pk>/", views.opportunity_detail, name="opportunity-detail"),
]
