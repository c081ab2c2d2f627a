from django.contrib.sitemaps.views import sitemap
from django.urls import path

from coproduce.library import views
from coproduce.library.feeds import SITEMAPS, NewCaseStudies

app_name = "library"

urlpatterns = [
    path("library/", views.library_home, name="home"),
    path("library/feed/", NewCaseStudies(), name="feed"),
    path("library/case-studies/<slug:slug>/", views.case_study, name="case-study"),
    path("library/glossary/", views.glossary, name="glossary"),
    path("library/toolkit/", views.toolkit, name="toolkit"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
