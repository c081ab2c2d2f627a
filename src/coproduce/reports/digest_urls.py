from django.urls import path

from coproduce.reports import digest_views

app_name = "digest"

urlpatterns = [
    path("stop/<str:token>/", digest_views.digest_stop, name="stop"),
]
