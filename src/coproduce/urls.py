from django.contrib import admin
from django.urls import include, path, re_path

from coproduce.api import api, api_guide
from coproduce.core import api as core_api
from coproduce.core import views as core_views
from coproduce.core.views import healthz
from coproduce.operations import views as operations_views

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("livez", operations_views.livez, name="livez"),
    path("readyz", operations_views.readyz, name="readyz"),
    path("metrics", operations_views.metrics, name="metrics"),
    # The Cymraeg / English switch on every page (Django's set_language, a POST).
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/docs", api_guide, name="api-guide"),
    path("api/v1/", api.urls),
    re_path(r"^api/v1/(?P<rest>.*)$", core_api.not_found),
    path("accounts/", include("allauth.urls")),
    # The admin signs in through the same door as everyone else: allauth's login, with its
    # two-step sign-in and its limits on guesses. Its own password form is never used.
    path("admin/login/", core_views.admin_login),
    path("admin/", admin.site.urls),
    path("orgs/<slug:org_slug>/", include("coproduce.reports.urls")),
    path("digest/", include("coproduce.reports.digest_urls")),
    path("orgs/<slug:org_slug>/people/", include("coproduce.people.urls")),
    path("", include("coproduce.frameworks.urls")),
    path("", include("coproduce.initiatives.urls")),
    path("", include("coproduce.sessions.urls")),
    path("", include("coproduce.assessments.urls")),
    path("", include("coproduce.influence.urls")),
    path("", include("coproduce.messaging.urls")),
    path("", include("coproduce.recognition.urls")),
    path("", include("coproduce.opportunities.urls")),
    path("", include("coproduce.peers.urls")),
    path("", include("coproduce.conversations.urls")),
    path("", include("coproduce.workshop.urls")),
    path("", include("coproduce.evidence.urls")),
    path("", include("coproduce.privacy.urls")),
    path("", include("coproduce.insight.urls")),
    path("", include("coproduce.library.urls")),
    path("", include("coproduce.core.urls")),
]

handler500 = "coproduce.core.resilience.server_error"
