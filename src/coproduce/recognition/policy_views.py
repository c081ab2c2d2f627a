"""Pages for the recognition policy, its rates and expense categories, and partners."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coproduce.core.forms import add_service_errors
from coproduce.core.http import AuthedRequest
from coproduce.core.models import Organisation
from coproduce.core.tenancy import organisation_for_request
from coproduce.ledger.models import Partner
from coproduce.recognition import queries, services
from coproduce.recognition.forms import (
    CategoryForm,
    OfferForm,
    PartnerForm,
    PolicyForm,
    RateForm,
)
from coproduce.recognition.models import ExpenseCategory, Rate
from coproduce.sessions.models import SessionKind

RATE_KINDS = {"default": "", **{kind: kind for kind in SessionKind.values}}


def _policy_page(
    request: AuthedRequest,
    organisation: Organisation,
    *,
    policy_form: PolicyForm | None = None,
    rate_form: tuple[str, RateForm] | None = None,
    category_form: CategoryForm | None = None,
) -> HttpResponse:
    """The policy page, with whichever of its forms was sent shown bound."""
    rates = queries.rates_for(organisation)
    kinds = [("", _("Any kind of session (the default)")), *SessionKind.choices]
    rate_forms = [
        (
            kind or "default",
            label,
            rate_form[1]
            if rate_form is not None and rate_form[0] == kind
            else RateForm(
                instance=rates.get(kind) or Rate(organisation=organisation, session_kind=kind),
                prefix=f"rate-{kind or 'default'}",
            ),
        )
        for kind, label in kinds
    ]
    return render(
        request,
        "recognition/policy.html",
        {
            "policy_form": policy_form or PolicyForm(instance=services.policy_for(organisation)),
            "rate_forms": rate_forms,
            "category_form": category_form or CategoryForm(),
            "categories": ExpenseCategory.objects.filter(organisation=organisation),
            "organisation": organisation,
        },
    )


@login_required
def policy(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "recognition.manage")
    if request.method != "POST":
        return _policy_page(request, organisation)
    form = PolicyForm(request.POST, instance=services.policy_for(organisation))
    if form.is_valid():
        try:
            services.policy_update(
                organisation=organisation, by=request.user, details=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Policy saved."))
            return redirect("recognition:policy", org_slug=org_slug)
    return _policy_page(request, organisation, policy_form=form)


@login_required
@require_POST
def rate_save(request: AuthedRequest, org_slug: str, kind: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "recognition.manage")
    if kind not in RATE_KINDS:
        raise Http404("No such kind of session.")
    session_kind = RATE_KINDS[kind]
    rate = queries.rates_for(organisation).get(session_kind) or Rate(
        organisation=organisation, session_kind=session_kind
    )
    form = RateForm(request.POST, instance=rate, prefix=f"rate-{kind}")
    if form.is_valid():
        try:
            services.rate_set(
                organisation=organisation,
                by=request.user,
                session_kind=session_kind,
                details=form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Rate saved."))
            return redirect("recognition:policy", org_slug=org_slug)
    return _policy_page(request, organisation, rate_form=(session_kind, form))


@login_required
@require_POST
def category_add(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "recognition.manage")
    form = CategoryForm(request.POST)
    if form.is_valid():
        try:
            services.expense_category_create(
                organisation=organisation,
                by=request.user,
                name=form.cleaned_data["name"],
                kind=form.cleaned_data["kind"],
                limit_pence=form.cleaned_data["limit"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Expense category added."))
            return redirect("recognition:policy", org_slug=org_slug)
    return _policy_page(request, organisation, category_form=form)


@login_required
def partners(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "recognition.own_statement")
    can_manage = request.user.has_perm("recognition.manage", organisation)
    form = PartnerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.partner_create(
                    organisation=organisation, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Partner added. Now add what they offer."))
                return redirect("recognition:partners", org_slug=org_slug)
    partner_list = Partner.objects.filter(organisation=organisation).prefetch_related("offers")
    return render(
        request,
        "recognition/partners.html",
        {"partners": partner_list, "form": form, "can_manage": can_manage},
    )


@login_required
def offer_create(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "recognition.manage")
    partner = Partner.objects.filter(organisation=organisation, pk=pk).first()
    if partner is None:
        raise Http404("No partner found.")
    form = OfferForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.offer_create(partner=partner, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Offer added."))
            return redirect("recognition:partners", org_slug=org_slug)
    return render(request, "recognition/offer_form.html", {"form": form, "partner": partner})
