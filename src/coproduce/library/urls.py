from django.contrib.sitemaps.views import sitemap
from django.urls import path

from coproduce.library import views
from coproduce.library.feeds import SITEMAPS, NewCaseStudies

app_name = "library"

urlpatterns = [
    path("library/", views.library_home, name="home"),
    path("library/feed/", NewCaseStudies(), name="feed"),
    path("library/case-studies/<slug:slug>/", views.case_study, name="case-study"),
    path(
        "library/case-studies/<slug:slug>/files/<int:pk>/",
        views.attachment_file,
        name="attachment",
    ),
    path("library/glossary/", views.glossary, name="glossary"),
    path("library/glossary/new/", views.glossary_edit, name="glossary-new"),
    path("library/glossary/<slug:slug>/edit/", views.glossary_edit, name="glossary-edit"),
    path("library/toolkit/new/", views.toolkit_edit, name="toolkit-new"),
    path("library/toolkit/<slug:slug>/edit/", views.toolkit_edit, name="toolkit-edit"),
    path("library/toolkit/", views.toolkit, name="toolkit"),
    path("library/share/", views.share, name="share"),
    path("orgs/<slug:org_slug>/said/story/<int:pk>/item/", views.story_item, name="story-item"),
    path("library/your-stories/", views.my_stories, name="my-stories"),
    path("library/your-stories/<int:pk>/", views.edit_story, name="edit-story"),
    path(
        "library/your-stories/<int:pk>/attachments/",
        views.story_attachment_add,
        name="story-attachment-add",
    ),
    path("library/your-stories/<int:pk>/quotes/", views.story_quote_add, name="story-quote-add"),
    path("library/your-stories/<int:pk>/credits/", views.story_credit_add, name="story-credit-add"),
    path("library/moderate/", views.moderation_queue, name="moderation-queue"),
    path("library/moderate/<int:pk>/", views.moderate, name="moderate"),
    path(
        "orgs/<slug:org_slug>/initiatives/<int:pk>/case-study/",
        views.from_initiative,
        name="from-initiative",
    ),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
