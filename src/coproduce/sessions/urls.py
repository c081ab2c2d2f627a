from django.urls import path

from coproduce.sessions import views

app_name = "sessions"

base = "orgs/<slug:org_slug>/sessions/"
urlpatterns = [
    path(base, views.session_list, name="session-list"),
    path(f"{base}new/", views.session_create, name="session-create"),
    path(f"{base}import/", views.attendance_import, name="attendance-import"),
    path(f"{base}<int:pk>/", views.session_detail, name="session-detail"),
    path(f"{base}<int:pk>/register/", views.register, name="register"),
    path(f"{base}<int:pk>/attendance/", views.attendance_details, name="attendance-details"),
]
