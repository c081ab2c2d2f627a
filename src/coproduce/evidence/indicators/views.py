"""Pages for indicators and their figures, periods, comparisons and outcomes."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.core.exports import csv_response
from coproduce.core.forms import add_service_errors
from coproduce.core.http import AuthedRequest
from coproduce.core.ids import id_or_none
from coproduce.core.tenancy import organisation_for_request
from coproduce.evidence import figures, queries, services
from coproduce.evidence.indicators.forms import CompareForm, IndicatorForm, OutcomeForm, PeriodForm
from coproduce.evidence.models import Period
from coproduce.web.forms import TableFileForm, posted

GRID_SPARE_ROWS = 5


GRID_SPARE_ROWS = 5


@login_required
def indicator_form(request: AuthedRequest, org_slug: str, pk: int | None = None) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "evidence.manage")
    indicator = queries.indicator_in(organisation=organisation, pk=pk) if pk else None
    initial = (
        {
            name: getattr(indicator, name)
            for name in ("name", "description", "unit", "direction", "baseline", "target")
        }
        | {"initiative": indicator.initiative_id}
        if indicator
        else {"direction": "higher"}
    )
    form = IndicatorForm(posted(request), organisation=organisation, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        initiative = data.pop("initiative")
        try:
            indicator = services.indicator_save(
                organisation=organisation,
                by=request.user,
                details=data,
                initiative=initiative,
                instance=indicator,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Indicator saved."))
            return redirect(indicator)
    return render(request, "evidence/indicator_form.html", {"form": form, "indicator": indicator})


def _figure_table(indicator: Any, breakdown: dict[str, Any]) -> dict[str, Any]:
    """One breakdown as a table: categories down, periods across, and each period's checks."""
    periods = breakdown["periods"]
    cells: dict[str, dict[int, Any]] = {}
    totals = {}
    checks = []
    for period in periods:
        found = queries.period_figures(indicator, period, breakdown["dimension"])
        for category, value in found.parts.items():
            cells.setdefault(category, {})[period.pk] = value
        totals[period.pk] = sum(found.parts.values())
        checks.extend(queries.period_checks(indicator, period, breakdown["dimension"]))
    rows = [
        {"category": category, "values": [values.get(p.pk) for p in periods]}
        for category, values in sorted(cells.items())
    ]
    return {
        "dimension": breakdown["dimension"],
        "periods": periods,
        "rows": rows,
        "totals": [totals[p.pk] for p in periods],
        "checks": checks,
    }


@login_required
def indicator_detail(request: HttpRequest, org_slug: str, pk: int) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "evidence.view")
    indicator = queries.indicator_in(organisation=organisation, pk=pk)
    breakdowns = queries.breakdowns_of(indicator)
    return render(
        request,
        "evidence/indicator_detail.html",
        {
            "indicator": indicator,
            "tables": [_figure_table(indicator, b) for b in breakdowns],
            "compare_form": CompareForm(
                indicator=indicator, breakdowns=[b["dimension"] for b in breakdowns]
            ),
            "periods": queries.periods_in(organisation),
            "can_manage": request.user.has_perm("evidence.manage", organisation),
        },
    )


@login_required
def figures_edit(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    """The grid: one period's figures for one breakdown, typed in and saved together."""
    organisation = organisation_for_request(request, org_slug, "evidence.manage")
    indicator = queries.indicator_in(organisation=organisation, pk=pk)
    source = request.POST if request.method == "POST" else request.GET
    period = queries.periods_in(organisation).filter(pk=_int(source.get("period")) or 0).first()
    dimension = " ".join(source.get("breakdown", "").split())[:60]
    if period is None:
        messages.error(request, _("Choose a period first, or add one."))
        return redirect(indicator)
    report = None
    rows: list[dict[str, Any]]
    if request.method == "POST":
        count = min(_int(request.POST.get("rows")) or 0, 500)
        entries = [
            services.Entry(
                request.POST.get(f"category-{n}", ""),
                request.POST.get(f"value-{n}", ""),
                request.POST.get(f"share-{n}", ""),
            )
            for n in range(1, count + 1)
        ]
        try:
            report = services.observations_replace(
                indicator=indicator,
                period=period,
                by=request.user,
                dimension=dimension,
                entries=entries,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(indicator)
        if not report.errors:
            messages.success(
                request,
                _("Saved %(n)s figures for %(period)s.") % {"n": report.saved, "period": period},
            )
            return redirect(indicator)
        rows = [
            {"n": n, "category": e.category, "value": e.value, "share": e.share}
            for n, e in enumerate(entries, start=1)
        ]
    else:
        existing = queries.period_figures(indicator, period, dimension)
        rows = [
            {
                "category": category,
                "value": figures.plain(value),
                "share": existing.stated_shares.get(category, ""),
            }
            for category, value in existing.parts.items()
        ]
        if existing.stated_total is not None:
            rows.append(
                {"category": _("Total"), "value": figures.plain(existing.stated_total), "share": ""}
            )
        rows += [{"category": "", "value": "", "share": ""}] * GRID_SPARE_ROWS
        rows = [{"n": n, **row} for n, row in enumerate(rows, start=1)]
    errors = {(e.row, e.field): e.message for e in report.errors} if report else {}
    for row in rows:
        for name in ("category", "value", "share"):
            row[f"{name}_error"] = errors.get((row["n"], name), "")
    return render(
        request,
        "evidence/figures_form.html",
        {
            "indicator": indicator,
            "period": period,
            "dimension": dimension,
            "rows": rows,
            "report": report,
        },
    )


def _int(value: Any) -> int | None:
    return id_or_none(value)


@login_required
def figures_import(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "evidence.manage")
    indicator = queries.indicator_in(organisation=organisation, pk=pk)
    form = TableFileForm(posted(request), request.FILES if request.method == "POST" else None)
    report = None
    if request.method == "POST" and form.is_valid():
        report = services.observations_import(
            indicator=indicator, by=request.user, data=form.cleaned_data["file"].read()
        )
        if not report.errors:
            messages.success(request, _("Imported %(n)s figures.") % {"n": report.saved})
            return redirect(indicator)
    return render(
        request,
        "evidence/figures_import.html",
        {"form": form, "report": report, "indicator": indicator},
    )


@login_required
def indicator_compare(request: HttpRequest, org_slug: str, pk: int) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "evidence.view")
    indicator = queries.indicator_in(organisation=organisation, pk=pk)
    breakdowns = [b["dimension"] for b in queries.breakdowns_of(indicator)]
    form = CompareForm(request.GET or None, indicator=indicator, breakdowns=breakdowns)
    if not form.is_valid():
        return render(
            request,
            "evidence/indicator_compare.html",
            {"indicator": indicator, "form": form, "result": None},
        )
    dimension = form.cleaned_data["breakdown"]
    first, second = form.cleaned_data["a"], form.cleaned_data["b"]
    result = queries.comparison_of(indicator, dimension, first, second)
    if request.GET.get("format") == "csv":
        return csv_response(
            figures.comparison_rows(result.comparison), f"comparison-{indicator.pk}.csv"
        )
    return render(
        request,
        "evidence/indicator_compare.html",
        {
            "indicator": indicator,
            "form": form,
            "result": result,
            "rule": figures.ROUNDING_RULE,
        },
    )


@login_required
def period_create(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "evidence.manage")
    form = PeriodForm(posted(request))
    back = _int(request.GET.get("indicator"))
    if request.method == "POST" and form.is_valid():
        try:
            services.period_create(organisation=organisation, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Period added."))
            if back:
                return redirect("evidence:indicator-detail", org_slug=org_slug, pk=back)
            return redirect("evidence:home", org_slug=org_slug)
    return render(
        request,
        "evidence/period_form.html",
        {"form": form, "periods": Period.objects.filter(organisation=organisation)},
    )


@login_required
def outcome_list(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "evidence.view")
    records = queries.outcomes_in(organisation)
    return render(
        request,
        "evidence/outcome_list.html",
        {
            "summary": queries.outcome_summary(records),
            "count": records.count(),
            "can_manage": request.user.has_perm("evidence.manage", organisation),
        },
    )


@login_required
def outcome_create(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "evidence.manage")
    form = OutcomeForm(
        posted(request), organisation=organisation, initial={"recorded_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        item, person, initiative = data.pop("item"), data.pop("person"), data.pop("initiative")
        try:
            services.outcome_record(
                organisation=organisation,
                by=request.user,
                item=item,
                person=person,
                initiative=initiative,
                details=data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Outcome recorded."))
            return redirect("evidence:outcome-list", org_slug=org_slug)
    return render(request, "evidence/outcome_form.html", {"form": form})
