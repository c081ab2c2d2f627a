from django.urls import path

from coproduce.peers import event_views, views

app_name = "peers"

urlpatterns = [
    path("orgs/<slug:org_slug>/peers/", views.directory, name="directory"),
    path("orgs/<slug:org_slug>/peers/entry/", views.listing_edit, name="listing-edit"),
    path("orgs/<slug:org_slug>/peers/ask/", views.request_new, name="request-new"),
    path("orgs/<slug:org_slug>/peers/requests/<int:pk>/", views.request_detail, name="request"),
    path(
        "orgs/<slug:org_slug>/peers/requests/<int:pk>/close/",
        views.request_close,
        name="request-close",
    ),
    path(
        "orgs/<slug:org_slug>/peers/requests/<int:pk>/offers/<int:offer_pk>/accept/",
        views.offer_accept,
        name="offer-accept",
    ),
    path(
        "orgs/<slug:org_slug>/peers/reviews/<int:offer_pk>/start/",
        views.review_start,
        name="review-start",
    ),
    path("orgs/<slug:org_slug>/peers/learning/", views.learning, name="learning"),
    path("orgs/<slug:org_slug>/peers/events/", event_views.event_list, name="events"),
    path(
        "orgs/<slug:org_slug>/peers/events/<int:event_pk>/",
        event_views.event_detail,
        name="event",
    ),
]
