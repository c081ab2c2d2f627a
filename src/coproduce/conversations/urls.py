from django.urls import path

from coproduce.conversations import views

app_name = "conversations"

urlpatterns = [
    path("orgs/<slug:org_slug>/conversations/", views.thread_list, name="list"),
    path("orgs/<slug:org_slug>/conversations/new/", views.thread_new, name="new"),
    path("orgs/<slug:org_slug>/conversations/moderators/", views.moderators, name="moderators"),
    path("orgs/<slug:org_slug>/conversations/<int:pk>/", views.thread, name="thread"),
    path(
        "orgs/<slug:org_slug>/conversations/<int:pk>/close/",
        views.thread_close,
        name="close",
    ),
    path(
        "orgs/<slug:org_slug>/conversations/<int:pk>/outcome/",
        views.thread_outcome,
        name="outcome",
    ),
    *(
        path(
            f"orgs/<slug:org_slug>/said/{kind}/<int:pk>/item/",
            views.said_item,
            {"kind": kind},
            name=f"{kind}-item",
        )
        for kind in ("answer", "passage")
    ),
    path(
        "orgs/<slug:org_slug>/conversations/<int:pk>/posts/<int:post_pk>/helped/",
        views.post_helped,
        name="helped",
    ),
    path(
        "orgs/<slug:org_slug>/conversations/<int:pk>/posts/<int:post_pk>/moderate/",
        views.post_moderate,
        name="moderate",
    ),
]
