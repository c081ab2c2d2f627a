from django.urls import path

from coproduce.workshop import views

app_name = "workshop"

urlpatterns = [
    path("orgs/<slug:org_slug>/sessions/<int:pk>/cards/", views.cards, name="cards"),
    path("orgs/<slug:org_slug>/sessions/<int:pk>/cards/print/", views.cards_print, name="print"),
    path(
        "orgs/<slug:org_slug>/sessions/<int:pk>/cards/said/<int:reflection_pk>/item/",
        views.reflection_item,
        name="item",
    ),
]
