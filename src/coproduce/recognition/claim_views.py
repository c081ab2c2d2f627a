"""Pages for expense claims: claiming, deciding and the receipt."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from coproduce.core.forms import add_service_errors
from coproduce.core.http import AuthedRequest
from coproduce.core.models import Organisation
from coproduce.core.tenancy import organisation_for_request
from coproduce.people.models import Person
from coproduce.people.queries import person_of_user
from coproduce.recognition import queries, services
from coproduce.recognition.forms import (
    ClaimDecisionForm,
    ClaimForm,
)
from coproduce.recognition.models import ClaimStatus, ExpenseCategory


@login_required
def claims(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "recognition.manage")
    status = request.GET.get("status", ClaimStatus.SUBMITTED)
    status = status if status in ClaimStatus.values else ""
    page = Paginator(queries.claims_in(organisation, status), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "recognition/claims.html",
        {
            "page": page,
            "status": status,
            "statuses": ClaimStatus.choices,
        },
    )


def _claimant(request: HttpRequest, organisation: Organisation) -> Person | None:
    """Staff claim for anyone; a co-producer claims for themselves."""
    if request.user.has_perm("recognition.manage", organisation):
        return None
    person = person_of_user(organisation=organisation, user=request.user)
    if person is None:
        raise PermissionDenied
    return person


@login_required
def claim_create(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "recognition.own_statement")
    own = _claimant(request, organisation)
    bound = request.method == "POST"
    form = ClaimForm(
        request.POST if bound else None,
        request.FILES if bound else None,
        organisation=organisation,
        person=own,
    )
    if bound and form.is_valid():
        data = form.cleaned_data
        try:
            services.expense_claim_submit(
                person=data["person"],
                by=request.user,
                category=data["category"],
                amount_pence=data["amount"],
                description=data["description"],
                incurred_on=data["incurred_on"],
                paid_up_front=data["paid_up_front"],
                receipt=data["receipt"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Claim sent. You will hear when it has been approved."))
            if own is not None:
                return redirect("recognition:my-statement", org_slug=org_slug)
            return redirect("recognition:claims", org_slug=org_slug)
    return render(
        request,
        "recognition/claim_form.html",
        {
            "form": form,
            "has_categories": ExpenseCategory.objects.filter(organisation=organisation).exists(),
        },
    )


@login_required
def claim_detail(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "recognition.manage")
    claim = queries.claim_in(organisation, pk)
    form = ClaimDecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.expense_claim_decide(
                claim=claim,
                by=request.user,
                approve="approve" in request.POST,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Decision saved."))
            return redirect("recognition:claims", org_slug=org_slug)
    return render(
        request,
        "recognition/claim_detail.html",
        {"claim": claim, "form": form, "amount": queries.money(claim.amount_pence)},
    )


@login_required
def claim_receipt(request: HttpRequest, org_slug: str, pk: int) -> FileResponse:
    organisation = organisation_for_request(request, org_slug, "recognition.manage")
    claim = queries.claim_in(organisation, pk)
    if not claim.receipt:
        raise Http404("No receipt.")
    return FileResponse(
        claim.receipt.open("rb"), as_attachment=True, filename=claim.receipt_name or "receipt"
    )
