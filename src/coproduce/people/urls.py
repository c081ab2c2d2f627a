from django.urls import path

from coproduce.people import import_views, views

app_name = "people"

urlpatterns = [
    path("", views.person_list, name="person-list"),
    path("new/", views.person_create, name="person-create"),
    path("import/", import_views.import_upload, name="person-import"),
    path("import/<int:pk>/", import_views.import_batch, name="person-import-batch"),
    path("<int:pk>/", views.person_detail, name="person-detail"),
    path("<int:pk>/edit/", views.person_edit, name="person-edit"),
    path("<int:pk>/delete/", views.person_delete, name="person-delete"),
    path("<int:pk>/equality/", views.special_category_edit, name="person-special-category"),
    path("<int:pk>/consents/new/", views.consent_create, name="person-consent-create"),
    path(
        "<int:pk>/consents/<int:consent_pk>/withdraw/",
        views.consent_withdraw,
        name="person-consent-withdraw",
    ),
]
