"""Pages for recognition: approving, paying, claims, credits and the statement."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coproduce.core.exports import csv_response
from coproduce.core.forms import add_service_errors
from coproduce.core.http import AuthedRequest
from coproduce.core.models import Organisation
from coproduce.core.tenancy import organisation_for_request
from coproduce.ledger import queries as ledger_queries
from coproduce.ledger.models import Partner
from coproduce.people.models import Person
from coproduce.people.queries import person_in, person_of_user
from coproduce.recognition import queries, services
from coproduce.recognition.forms import (
    CategoryForm,
    ChoiceForm,
    ClaimDecisionForm,
    ClaimForm,
    DecideAwardsForm,
    GiftForm,
    OfferForm,
    PartnerForm,
    PolicyForm,
    ProposeForm,
    RateForm,
    ReverseForm,
    SpendForm,
)
from coproduce.recognition.models import AwardStatus, Caps, ClaimStatus, ExpenseCategory, Rate
from coproduce.sessions.models import SessionKind


def _month_bounds(text: str) -> tuple[datetime.date, datetime.date]:
    """The month named "YYYY-MM", or last month."""
    try:
        first = datetime.date.fromisoformat(f"{text}-01")
    except ValueError:
        first = (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return first, following - datetime.timedelta(days=1)


@login_required
def overview(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "recognition.own_statement")
    if not request.user.has_perm("recognition.view_ledger", organisation):
        return redirect("recognition:my-statement", org_slug=org_slug)
    owed = queries.money_owed(organisation)
    return render(
        request,
        "recognition/overview.html",
        {
            "waiting": queries.awards_in(organisation, AwardStatus.PROPOSED).count(),
            "claims": queries.claims_in(organisation, ClaimStatus.SUBMITTED).count(),
            "owed_people": len(owed),
            "owed_total": queries.money(sum(amount for _person, amount in owed)),
            "accounts": ledger_queries.accounts_in(organisation)[:50],
            "last_month": (
                timezone.localdate().replace(day=1) - datetime.timedelta(days=1)
            ).strftime("%Y-%m"),
        },
    )


# --- Approving recognition ------------------------------------------------------------------


@login_required
def approve(request: AuthedRequest, org_slug: str) -> HttpResponse:
    """Propose recognition for a month's attendance and approve it on one screen."""
    organisation = organisation_for_request(request, org_slug, "recognition.manage")
    start, end = _month_bounds(request.GET.get("month", ""))
    propose_form = ProposeForm(initial={"start": start, "end": end})
    decide_form = DecideAwardsForm(request.POST if request.method == "POST" else None)
    waiting = list(
        queries.awards_in(organisation, AwardStatus.PROPOSED).filter(
            happened_on__gte=start, happened_on__lte=end
        )
    )
    if request.method == "POST" and decide_form.is_valid():
        chosen = [a for a in waiting if str(a.pk) in request.POST.getlist("award")]
        try:
            if not chosen:
                raise ValidationError({"award": _("Select at least one person.")})
            if "decline" in request.POST:
                count = services.awards_decline(
                    organisation=organisation,
                    by=request.user,
                    awards=chosen,
                    reason=decide_form.cleaned_data["reason"],
                )
                messages.success(request, _("%(n)s not approved.") % {"n": count})
            else:
                count = services.awards_approve(
                    organisation=organisation,
                    by=request.user,
                    awards=chosen,
                    over_caps_confirmed=decide_form.cleaned_data["over_caps_confirmed"],
                )
                messages.success(
                    request, _("%(n)s approved and added to the ledger.") % {"n": count}
                )
        except ValidationError as error:
            add_service_errors(decide_form, error)
        else:
            return redirect(f"{request.path}?month={start:%Y-%m}")
    warnings = queries.cap_warnings(organisation, waiting)
    over = {w.person.pk for w in warnings}
    return render(
        request,
        "recognition/approve.html",
        {
            "propose_form": propose_form,
            "form": decide_form,
            "rows": [(a, a.person_id in over) for a in waiting],
            "warnings": warnings,
            "start": start,
            "end": end,
            "previous": (start - datetime.timedelta(days=1)).strftime("%Y-%m"),
            "next": (end + datetime.timedelta(days=1)).strftime("%Y-%m"),
            "total": {
                "credits": sum(a.amount for a in waiting if a.unit == "credits"),
                "money": queries.money(sum(a.amount for a in waiting if a.unit == "pence")),
            },
        },
    )


@login_required
@require_POST
def propose(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "recognition.manage")
    form = ProposeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a real start and end date."))
        return redirect("recognition:approve", org_slug=org_slug)
    try:
        result = services.awards_propose(
            organisation=organisation, by=request.user, **form.cleaned_data
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("recognition:approve", org_slug=org_slug)
    parts = [_("%(n)s proposed.") % {"n": result.created}]
    if result.not_asked:
        parts.append(
            _("Not asked yet how they would like to be recognised: %(names)s.")
            % {"names": ", ".join(p.preferred_name for p in result.not_asked)}
        )
    if result.chose_none:
        parts.append(
            _("Chose no recognition: %(names)s.")
            % {"names": ", ".join(p.preferred_name for p in result.chose_none)}
        )
    if result.no_rate:
        parts.append(_("%(n)s had no rate set for their choice.") % {"n": result.no_rate})
    messages.info(request, " ".join(parts))
    return redirect(
        f"{reverse('recognition:approve', kwargs={'org_slug': org_slug})}?month={form.cleaned_data['start']:%Y-%m}"
    )


# --- The ledger ---------------------------------------------------------------------------


@login_required
def ledger(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "recognition.view_ledger")
    page = Paginator(ledger_queries.transactions_in(organisation), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "recognition/ledger.html", {"page": page})


@login_required
def transaction_detail(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "recognition.view_ledger")
    record = ledger_queries.transaction_in(organisation, pk)
    can_reverse = request.user.has_perm("recognition.manage", organisation)
    form = ReverseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not can_reverse:
            raise PermissionDenied
        if form.is_valid():
            try:
                reversal = services.transaction_reverse(
                    original=record,
                    by=request.user,
                    key=form.cleaned_data["key"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("Reversed. Nothing was deleted: the reversal is its own entry.")
                )
                return redirect("recognition:transaction-detail", org_slug=org_slug, pk=reversal.pk)
    return render(
        request,
        "recognition/transaction_detail.html",
        {
            "record": record,
            "form": form,
            "can_reverse": can_reverse
            and record.kind != "reversal"
            and not hasattr(record, "reversed_by"),
        },
    )


# --- Paying people -------------------------------------------------------------------------


@login_required
def payment_runs(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "recognition.manage")
    if request.method == "POST":
        try:
            run = services.payment_run_create(organisation=organisation, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Payment run ready. Download it for finance."))
            return redirect("recognition:payment-run", org_slug=org_slug, pk=run.pk)
        return redirect("recognition:payment-runs", org_slug=org_slug)
    owed = queries.money_owed(organisation)
    return render(
        request,
        "recognition/payment_runs.html",
        {
            "runs": queries.runs_in(organisation),
            "owed": [(person, queries.money(amount)) for person, amount in owed],
            "owed_total": queries.money(sum(amount for _p, amount in owed)),
        },
    )


@login_required
def payment_run(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "recognition.manage")
    run = queries.run_in(organisation, pk)
    if request.method == "POST":
        try:
            services.payment_run_mark_paid(run=run, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Marked as paid. Each person's statement now shows it."))
        return redirect("recognition:payment-run", org_slug=org_slug, pk=pk)
    lines = run.lines.select_related("person").order_by("id")
    return render(
        request,
        "recognition/payment_run.html",
        {
            "run": run,
            "lines": [(line, queries.money(line.amount_pence)) for line in lines],
            "total": queries.money(run.total),  # type: ignore[attr-defined]
        },
    )


@login_required
def payment_run_csv(request: HttpRequest, org_slug: str, pk: int) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "recognition.manage")
    run = queries.run_in(organisation, pk)
    return csv_response(
        queries.payment_run_rows(run), f"{organisation.slug}-payment-run-{run.pk}.csv"
    )


# --- Expenses ---------------------------------------------------------------------------------


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


# --- Policy and partners -------------------------------------------------------------------------


@login_required
def policy(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "recognition.manage")
    current = services.policy_for(organisation)
    rates = queries.rates_for(organisation)
    kinds = [("", _("Any kind of session (the default)")), *SessionKind.choices]
    section = request.POST.get("section", "")
    bound = request.method == "POST"
    policy_form = PolicyForm(
        request.POST if bound and section == "policy" else None, instance=current
    )
    rate_forms = [
        (
            kind,
            label,
            RateForm(
                request.POST if bound and section == f"rate-{kind}" else None,
                instance=rates.get(kind) or Rate(organisation=organisation, session_kind=kind),
                prefix=f"rate-{kind or 'default'}",
            ),
        )
        for kind, label in kinds
    ]
    category_form = CategoryForm(request.POST if bound and section == "category" else None)
    try:
        if bound and section == "policy" and policy_form.is_valid():
            services.policy_update(
                organisation=organisation, by=request.user, details=policy_form.cleaned_data
            )
            messages.success(request, _("Policy saved."))
            return redirect("recognition:policy", org_slug=org_slug)
        for kind, _label, form in rate_forms:
            if bound and section == f"rate-{kind}" and form.is_valid():
                services.rate_set(
                    organisation=organisation,
                    by=request.user,
                    session_kind=kind,
                    details=form.cleaned_data,
                )
                messages.success(request, _("Rate saved."))
                return redirect("recognition:policy", org_slug=org_slug)
        if bound and section == "category" and category_form.is_valid():
            data = category_form.cleaned_data
            services.expense_category_create(
                organisation=organisation,
                by=request.user,
                name=data["name"],
                kind=data["kind"],
                limit_pence=data["limit"],
            )
            messages.success(request, _("Expense category added."))
            return redirect("recognition:policy", org_slug=org_slug)
    except ValidationError as error:
        target = {"policy": policy_form, "category": category_form}.get(section)
        if target is None:
            target = next(form for kind, _l, form in rate_forms if section == f"rate-{kind}")
        add_service_errors(target, error)
    return render(
        request,
        "recognition/policy.html",
        {
            "policy_form": policy_form,
            "rate_forms": rate_forms,
            "category_form": category_form,
            "categories": ExpenseCategory.objects.filter(organisation=organisation),
        },
    )


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


# --- A person's recognition ------------------------------------------------------------------------


def _statement_page(
    request: AuthedRequest, organisation: Organisation, person: Person, own: bool
) -> HttpResponse:
    can_manage = request.user.has_perm("recognition.manage", organisation)
    bound = request.method == "POST"
    action = request.POST.get("action", "")
    spend_form = SpendForm(
        request.POST if bound and action == "spend" else None, organisation=organisation
    )
    gift_form = GiftForm(
        request.POST if bound and action == "gift" else None,
        organisation=organisation,
        giver=person,
    )
    caps = Caps.objects.filter(person=person).first()
    choice_form = ChoiceForm(
        request.POST if bound and action == "choice" else None,
        initial={
            "preference": person.recognition_preference,
            "weekly": f"{caps.weekly_pence / 100:.2f}" if caps and caps.weekly_pence else "",
            "yearly": f"{caps.yearly_pence / 100:.2f}" if caps and caps.yearly_pence else "",
        },
    )
    if bound:
        try:
            if action == "spend" and spend_form.is_valid():
                services.credits_spend(
                    person=person,
                    offer=spend_form.cleaned_data["offer"],
                    by=request.user,
                    key=spend_form.cleaned_data["key"],
                )
                messages.success(request, _("Spent. Show this page at the venue if they ask."))
                return redirect(request.path)
            if action == "gift" and gift_form.is_valid():
                data = gift_form.cleaned_data
                services.credits_gift(
                    giver=person,
                    receiver=data["receiver"],
                    amount=data["amount"],
                    by=request.user,
                    key=data["key"],
                )
                messages.success(request, _("Given. Thank you."))
                return redirect(request.path)
            if action == "choice" and choice_form.is_valid():
                services.choice_set(
                    person=person,
                    by=request.user,
                    preference=choice_form.cleaned_data["preference"],
                    weekly_pence=choice_form.cleaned_data["weekly"],
                    yearly_pence=choice_form.cleaned_data["yearly"],
                )
                messages.success(request, _("Saved. New recognition will follow this choice."))
                return redirect(request.path)
        except ValidationError as error:
            add_service_errors(
                {"spend": spend_form, "gift": gift_form, "choice": choice_form}[action], error
            )
    statement = queries.statement_for(person)
    return render(
        request,
        "recognition/statement.html",
        {
            "person": person,
            "statement": statement,
            "own": own,
            "can_manage": can_manage,
            "spend_form": spend_form,
            "gift_form": gift_form,
            "choice_form": choice_form,
            "caps": caps,
            "has_offers": spend_form.fields["offer"].queryset.exists(),  # type: ignore[attr-defined]
        },
    )


@login_required
def my_statement(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "recognition.own_statement")
    person = person_of_user(organisation=organisation, user=request.user)
    if person is None:
        return render(request, "recognition/no_record.html", status=404)
    return _statement_page(request, organisation, person, own=True)


@login_required
def person_statement(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "recognition.view_ledger")
    person = person_in(organisation=organisation, pk=pk)
    if request.method == "POST" and not request.user.has_perm("recognition.manage", organisation):
        raise PermissionDenied
    return _statement_page(request, organisation, person, own=False)


def _statement_person(request: HttpRequest, org_slug: str, pk: int | None) -> Person:
    organisation = organisation_for_request(request, org_slug, "recognition.own_statement")
    if pk is None:
        person = person_of_user(organisation=organisation, user=request.user)
        if person is None:
            raise Http404("No record.")
        return person
    if not request.user.has_perm("recognition.view_ledger", organisation):
        raise PermissionDenied
    return person_in(organisation=organisation, pk=pk)


@login_required
def statement_csv(request: HttpRequest, org_slug: str, pk: int | None = None) -> HttpResponse:
    person = _statement_person(request, org_slug, pk)
    return csv_response(
        queries.statement_rows(queries.statement_for(person)), f"statement-{person.pk}.csv"
    )


@login_required
def statement_pdf(request: HttpRequest, org_slug: str, pk: int | None = None) -> HttpResponse:
    from weasyprint import HTML  # imported here: it loads Pango, which only this page needs

    person = _statement_person(request, org_slug, pk)
    html = render_to_string(
        "recognition/statement_print.html",
        {
            "person": person,
            "statement": queries.statement_for(person),
            "organisation": person.organisation,
            "today": timezone.localdate(),
        },
        request=request,
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="statement-{person.pk}.pdf"'
    return response
