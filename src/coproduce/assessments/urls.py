from django.urls import path

from coproduce.assessments import answer_views, said_views, views

app_name = "assessments"

urlpatterns = [
    path("orgs/<slug:org_slug>/assessments/", views.assessment_list, name="assessment-list"),
    path(
        "orgs/<slug:org_slug>/assessments/new/", views.assessment_create, name="assessment-create"
    ),
    path("orgs/<slug:org_slug>/assessments/said/", said_views.said_list, name="said-list"),
    path(
        "orgs/<slug:org_slug>/assessments/<int:pk>/said/",
        said_views.said_detail,
        name="said-detail",
    ),
    path("orgs/<slug:org_slug>/assessments/levels/", views.levels_edit, name="levels-edit"),
    path("orgs/<slug:org_slug>/assessments/scales/new/", views.scale_create, name="scale-create"),
    path(
        "orgs/<slug:org_slug>/assessments/<int:pk>/",
        views.assessment_detail,
        name="assessment-detail",
    ),
    path(
        "orgs/<slug:org_slug>/assessments/<int:pk>/results/",
        views.assessment_results,
        name="assessment-results",
    ),
    path(
        "orgs/<slug:org_slug>/assessments/<int:pk>/export.<str:fmt>",
        views.assessment_export,
        name="assessment-export",
    ),
    path(
        "orgs/<slug:org_slug>/assessments/<int:pk>/respondents/<int:respondent_pk>/withdraw/",
        views.respondent_withdraw,
        name="respondent-withdraw",
    ),
    path(
        "orgs/<slug:org_slug>/assessments/<int:pk>/remind/",
        views.respondents_remind,
        name="respondents-remind",
    ),
    path(
        "orgs/<slug:org_slug>/assessments/<int:pk>/actions/<int:action_pk>/status/",
        views.action_status,
        name="action-status",
    ),
    path("answer/done/", answer_views.answer_done, name="answer-done"),
    path("answer/<str:token>/", answer_views.answer_start, name="answer-start"),
    path("answer/<str:token>/all/", answer_views.answer_all, name="answer-all"),
    path("answer/<str:token>/check/", answer_views.answer_check, name="answer-check"),
    path("answer/<str:token>/saved/", answer_views.answer_saved, name="answer-saved"),
    path(
        "answer/<str:token>/<int:number>/", answer_views.answer_statement, name="answer-statement"
    ),
]
