from django.urls import path

from coproduce.opportunities import link_views, views

app_name = "opportunities"

base = "orgs/<slug:org_slug>/opportunities/"
urlpatterns = [
    path(base, views.opportunity_list, name="opportunity-list"),
    path(f"{base}new/", views.opportunity_create, name="opportunity-create"),
    path(f"{base}<int:pk>/", views.opportunity_detail, name="opportunity-detail"),
    path(f"{base}<int:pk>/interest/", views.interest_add, name="interest-add"),
    path(f"{base}<int:pk>/selection/", views.selection_save, name="selection-save"),
    path(f"{base}<int:pk>/links/", link_views.interest_links, name="interest-links"),
    path("interested/<str:token>/", link_views.interest_own, name="interest-own"),
]
