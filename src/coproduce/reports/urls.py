from django.urls import path

from coproduce.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.organisation_home, name="organisation-home"),
]
