from django.urls import path

from coproduce.influence import views

app_name = "influence"

base = "orgs/<slug:org_slug>/you-said-we-did/"
urlpatterns = [
    path(base, views.item_list, name="item-list"),
    path(f"{base}new/", views.item_create, name="item-create"),
    path(f"{base}targets/", views.targets_edit, name="targets-edit"),
    # People to tell in person are on the Messages page now, with every other message.
    path(f"{base}to-tell/", views.to_tell_moved),
    path(f"{base}<int:pk>/", views.item_detail, name="item-detail"),
    path("public/<slug:org_slug>/you-said-we-did/", views.public_board, name="public-board"),
]
