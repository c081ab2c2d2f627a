from django.urls import path

from coproduce.evidence import views
from coproduce.evidence.coding import views as coding_views
from coproduce.evidence.indicators import views as indicator_views
from coproduce.evidence.surveys import views as survey_views
from coproduce.evidence.value import views as value_views

app_name = "evidence"

base = "orgs/<slug:org_slug>/evidence/"
urlpatterns = [
    path(base, views.evidence_home, name="home"),
    path(f"{base}settings/", views.settings_edit, name="settings-edit"),
    path(f"{base}periods/new/", indicator_views.period_create, name="period-create"),
    path(f"{base}indicators/new/", indicator_views.indicator_form, name="indicator-create"),
    path(f"{base}indicators/<int:pk>/", indicator_views.indicator_detail, name="indicator-detail"),
    path(f"{base}indicators/<int:pk>/edit/", indicator_views.indicator_form, name="indicator-edit"),
    path(f"{base}indicators/<int:pk>/figures/", indicator_views.figures_edit, name="figures-edit"),
    path(
        f"{base}indicators/<int:pk>/import/", indicator_views.figures_import, name="figures-import"
    ),
    path(
        f"{base}indicators/<int:pk>/compare/",
        indicator_views.indicator_compare,
        name="indicator-compare",
    ),
    path(f"{base}outcomes/", indicator_views.outcome_list, name="outcome-list"),
    path(f"{base}outcomes/new/", indicator_views.outcome_create, name="outcome-create"),
    path(f"{base}value/<int:pk>/", value_views.value_detail, name="value-detail"),
    path(f"{base}surveys/", survey_views.survey_list, name="survey-list"),
    path(f"{base}surveys/new/", survey_views.survey_create, name="survey-create"),
    path(f"{base}surveys/<int:pk>/", survey_views.survey_detail, name="survey-detail"),
    path(f"{base}surveys/<int:pk>/enter/", survey_views.survey_enter, name="survey-enter"),
    path(f"{base}surveys/<int:pk>/links/", survey_views.survey_links, name="survey-links"),
    path(
        f"{base}surveys/<int:pk>/links/remind/",
        survey_views.survey_remind,
        name="survey-remind",
    ),
    path("survey/<str:key>/", survey_views.survey_answer, name="survey-answer"),
    path("your-survey/<str:token>/", survey_views.survey_answer_own, name="survey-own"),
    path(f"{base}documents/", coding_views.document_list, name="document-list"),
    path(f"{base}documents/new/", coding_views.document_create, name="document-create"),
    path(f"{base}documents/<int:pk>/", coding_views.document_detail, name="document-detail"),
    path(f"{base}excerpts/<int:pk>/code/", coding_views.excerpt_code, name="excerpt-code"),
    path(
        f"{base}excerpts/<int:pk>/suggestions/",
        coding_views.excerpt_suggestions,
        name="excerpt-suggestions",
    ),
    path(f"{base}excerpts/<int:pk>/speaker/", coding_views.excerpt_speaker, name="excerpt-speaker"),
    path(f"{base}codebook/", coding_views.codebook, name="codebook"),
    path(f"{base}themes/", coding_views.themes, name="themes"),
    path(f"{base}agreement/", coding_views.agreement, name="agreement"),
]
