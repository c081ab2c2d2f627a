from django.urls import path

from coproduce.sessions import change_views, feed_views, views

app_name = "sessions"

base = "orgs/<slug:org_slug>/sessions/"
urlpatterns = [
    path(base, views.session_list, name="session-list"),
    path(f"{base}new/", views.session_create, name="session-create"),
    path(f"{base}import/", views.attendance_import, name="attendance-import"),
    path(f"{base}calendar/", feed_views.calendar_links, name="calendar-links"),
    path(f"{base}<int:pk>/", views.session_detail, name="session-detail"),
    path(f"{base}<int:pk>/change/", change_views.session_edit, name="session-edit"),
    path(f"{base}<int:pk>/cancel/", change_views.session_cancel, name="session-cancel"),
    path(f"{base}<int:pk>/after/", change_views.session_after, name="session-after"),
    path(f"{base}<int:pk>/register/", views.register, name="register"),
    path(f"{base}<int:pk>/import/", views.attendance_import, name="session-import"),
    path(f"{base}<int:pk>/attendance/", views.attendance_details, name="attendance-details"),
    path("calendar/<str:token>/", feed_views.calendar_feed, name="calendar-feed"),
]
