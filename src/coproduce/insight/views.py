"""Who takes part, against who the organisation serves."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from coproduce.core import queries as core_queries
from coproduce.core import services as core_services
from coproduce.core.forms import add_service_errors
from coproduce.core.http import AuthedRequest
from coproduce.core.tenancy import organisation_for_request
from coproduce.initiatives.models import Initiative
from coproduce.insight import benchmark, network, queries, services
from coproduce.insight.forms import (
    BenchmarkingForm,
    CompareForm,
    ParticipationForm,
    ReferenceForm,
    RollupForm,
    SharingForm,
)


@login_required
def participation(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "insight.view_participation")
    form = ParticipationForm(request.GET)  # empty: the last year
    form.fields["initiative"].queryset = Initiative.objects.filter(  # type: ignore[attr-defined]
        organisation=organisation
    )
    if not form.is_valid():
        return render(request, "insight/participation.html", {"form": form}, status=400)
    period = form.cleaned_data
    since, until, activity, over_time = (
        period[name] for name in ("since", "until", "activity", "over_time")
    )
    scope = (
        network.network_scope(organisation)
        if organisation.is_network
        else network.Scope(organisation)
    )
    members = scope.counted[1:]
    initiative = period["initiative"]
    # The area's figures are part of the key, so that saving them shows at once.
    area = (
        queries.reference_source(organisation),
        sorted(queries.reference_shares(organisation).items()),
    )
    found = network.kept(
        "participation",
        scope,
        (
            since,
            until,
            activity,
            over_time,
            initiative and initiative.pk,
            translation.get_language(),
            area,
        ),
        lambda: queries.participation(
            organisation, since, until, activity, members, over_time, initiative
        ),
    )
    return render(
        request,
        "insight/participation.html",
        {
            "form": form,
            "found": found,
            "members": len(members),
            "can_set": request.user.has_perm("insight.set_reference", organisation),
        },
    )


@login_required
def reference(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "insight.set_reference")
    form = ReferenceForm(
        request.POST or None,
        initial={"source": queries.reference_source(organisation)},
        initial_shares=queries.reference_shares(organisation),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.reference_set(
                organisation=organisation,
                by=request.user,
                source=form.cleaned_data["source"],
                shares=form.shares(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved. Who takes part is now compared with these."))
            return redirect("insight:participation", org_slug=org_slug)
    return render(
        request,
        "insight/reference.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@login_required
def network_rollup(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "insight.view_network")
    scope = network.network_scope(organisation)
    form = RollupForm(request.GET, members=[(o.slug, o.name) for o in scope.named])
    if not form.is_valid():
        context = {"form": form, "scope": scope}
        return render(request, "insight/network.html", context, status=400)
    period = form.cleaned_data
    member = next((o for o in scope.named if o.slug == period["member"]), None)
    shown = network.Scope(member) if member else scope
    return render(
        request,
        "insight/network.html",
        {
            "form": form,
            "scope": scope,
            "member": member,
            "found": network.kept(
                "rollup",
                shown,
                (period["since"], period["until"], translation.get_language()),
                lambda: network.rollup(shown, period["since"], period["until"]),
            ),
        },
    )


@login_required
def sharing(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "insight.set_sharing")
    links = core_queries.networks_joined(organisation)
    form = SharingForm(request.POST if request.method == "POST" else None, links=links)
    if request.method == "POST" and form.is_valid():
        by_id = {link.network_id: link.network for link in links}
        for network_id, shares in form.choices().items():
            core_services.network_sharing_set(
                organisation=organisation, network=by_id[network_id], shares=shares, by=request.user
            )
        messages.success(request, _("Saved. Each network shows your figures as you chose."))
        return redirect("insight:sharing", org_slug=org_slug)
    return render(request, "insight/sharing.html", {"form": form})


@login_required
def compare(request: AuthedRequest, org_slug: str) -> HttpResponse:
    """Our figures beside similar organisations'; admins join or leave here."""
    organisation = organisation_for_request(request, org_slug, "insight.view_benchmarks")
    can_set = request.user.has_perm("insight.set_benchmarking", organisation)
    joining = BenchmarkingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not can_set:
            raise PermissionDenied
        leaving = request.POST.get("leave") == "yes"
        if leaving or joining.is_valid():
            region = None if leaving else joining.cleaned_data["region"]
            services.benchmarking_set(organisation=organisation, by=request.user, region=region)
            messages.success(request, _("Saved."))
            return redirect("insight:compare", org_slug=org_slug)
    form = CompareForm(request.GET)
    status = 400 if joining.errors or not form.is_valid() else 200
    group = (form.cleaned_data["group"] if form.is_valid() else "") or "kind"
    found = benchmark.compare(organisation, group, timezone.localdate())
    context = {"form": form, "joining": joining, "found": found, "can_set": can_set}
    return render(request, "insight/compare.html", context, status=status)
