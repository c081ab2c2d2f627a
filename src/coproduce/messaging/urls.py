from django.urls import path

from coproduce.messaging import views

app_name = "messaging"

base = "orgs/<slug:org_slug>/messages/"
urlpatterns = [
    path(base, views.follow_up, name="follow-up"),
    path(f"{base}settings/", views.settings_edit, name="settings"),
    path(f"{base}<int:pk>/done/", views.message_done, name="message-done"),
    path(f"{base}<int:pk>/retry/", views.message_retry, name="message-retry"),
    path(
        "orgs/<slug:org_slug>/people/<int:pk>/messages/",
        views.person_messages,
        name="person-messages",
    ),
    path("messages/stop/<str:token>/", views.stop, name="stop"),
]
