from django.urls import path

from coproduce.recognition import (
    claim_views,
    policy_views,
    statement_views,
    timebank_views,
    views,
)

app_name = "recognition"

base = "orgs/<slug:org_slug>/recognition/"
urlpatterns = [
    path(base, views.overview, name="overview"),
    path(f"{base}approve/", views.approve, name="approve"),
    path(f"{base}approve/propose/", views.propose, name="propose"),
    path(f"{base}ledger/", views.ledger, name="ledger"),
    path(f"{base}ledger/<int:pk>/", views.transaction_detail, name="transaction-detail"),
    path(f"{base}payments/", views.payment_runs, name="payment-runs"),
    path(f"{base}payments/<int:pk>/", views.payment_run, name="payment-run"),
    path(f"{base}payments/<int:pk>/finance.csv", views.payment_run_csv, name="payment-run-csv"),
    path(f"{base}claims/", claim_views.claims, name="claims"),
    path(f"{base}claims/new/", claim_views.claim_create, name="claim-create"),
    path(f"{base}claims/<int:pk>/", claim_views.claim_detail, name="claim-detail"),
    path(f"{base}claims/<int:pk>/receipt/", claim_views.claim_receipt, name="claim-receipt"),
    path(f"{base}policy/", policy_views.policy, name="policy"),
    path(f"{base}policy/rates/<slug:kind>/", policy_views.rate_save, name="rate-save"),
    path(f"{base}policy/categories/", policy_views.category_add, name="category-add"),
    path(f"{base}partners/", policy_views.partners, name="partners"),
    path(f"{base}partners/<int:pk>/offers/new/", policy_views.offer_create, name="offer-create"),
    path(f"{base}mine/", statement_views.my_statement, name="my-statement"),
    path(f"{base}mine/statement.csv", statement_views.statement_csv, name="my-statement-csv"),
    path(f"{base}mine/statement.pdf", statement_views.statement_pdf, name="my-statement-pdf"),
    path(f"{base}people/<int:pk>/", statement_views.person_statement, name="member-statement"),
    path(
        f"{base}people/<int:pk>/statement.csv", statement_views.statement_csv, name="statement-csv"
    ),
    path(
        f"{base}people/<int:pk>/statement.pdf", statement_views.statement_pdf, name="statement-pdf"
    ),
    path(f"{base}time-bank/", timebank_views.timebank, name="timebank"),
]
