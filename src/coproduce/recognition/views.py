"""Pages for recognition: approving, paying, claims, credits and the statement."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coproduce.core.exports import csv_response, download_format, table_response
from coproduce.core.forms import add_service_errors
from coproduce.core.http import AuthedRequest
from coproduce.core.tenancy import organisation_for_request
from coproduce.ledger import queries as ledger_queries
from coproduce.recognition import queries, services
from coproduce.recognition.forms import (
    DecideAwardsForm,
    ProposeForm,
    ReverseForm,
)
from coproduce.recognition.models import AwardStatus, ClaimStatus


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
    fmt = download_format(request)
    if fmt:
        rows = ledger_queries.posting_rows(organisation)
        return table_response(rows, f"ledger-{organisation.slug}", fmt, _("Ledger"))
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


# --- Policy and partners -------------------------------------------------------------------------


# --- A person's recognition ------------------------------------------------------------------------
