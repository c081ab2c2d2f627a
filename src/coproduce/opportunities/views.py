"""Pages for the opportunities board."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coproduce.core.exports import download_format, table_response
from coproduce.core.forms import add_service_errors
from coproduce.core.http import AuthedRequest
from coproduce.core.models import Organisation
from coproduce.core.tenancy import organisation_for_request
from coproduce.opportunities import queries, services
from coproduce.opportunities.forms import InterestForm, OpportunityForm, SelectionForm
from coproduce.opportunities.models import InterestStatus, Opportunity
from coproduce.people.models import Person
from coproduce.people.queries import person_of_user


@login_required
def opportunity_list(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "opportunities.view_opportunity")
    can_manage = request.user.has_perm("opportunities.manage", organisation)
    fmt = download_format(request)
    if fmt:
        rows = queries.opportunity_rows(organisation, staff=can_manage)
        return table_response(rows, f"opportunities-{organisation.slug}", fmt, _("Opportunities"))
    return render(
        request,
        "opportunities/opportunity_list.html",
        {
            "opportunities": queries.opportunities_in(organisation, open_only=not can_manage),
            "can_manage": can_manage,
        },
    )


@login_required
def opportunity_create(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "opportunities.manage")
    form = OpportunityForm(
        request.POST if request.method == "POST" else None, organisation=organisation
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        session = data.pop("session")
        try:
            opportunity = services.opportunity_create(
                organisation=organisation, by=request.user, details=data, session=session
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Opportunity published on the board."))
            return redirect(
                "opportunities:opportunity-detail", org_slug=org_slug, pk=opportunity.pk
            )
    return render(
        request,
        "opportunities/opportunity_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def _detail_page(
    request: AuthedRequest,
    organisation: Organisation,
    opportunity: Opportunity,
    *,
    form: InterestForm | None = None,
    selection_error: str = "",
) -> HttpResponse:
    """The opportunity's page; with the interest form bound when it was sent."""
    can_manage = request.user.has_perm("opportunities.manage", organisation)
    own = person_of_user(organisation=organisation, user=request.user)
    mine = opportunity.interest.filter(person=own).first() if own is not None else None
    can_express = _can_express(request, organisation, own)
    return render(
        request,
        "opportunities/opportunity_detail.html",
        {
            "opportunity": opportunity,
            "form": form or InterestForm(organisation=organisation, on_behalf=can_manage),
            "interest": list(queries.interest_in(opportunity)) if can_manage else [],
            "can_manage": can_manage,
            "can_express": can_express and opportunity.is_open and (can_manage or mine is None),
            "mine": mine,
            "selected_status": InterestStatus.SELECTED,
            "selection_error": selection_error,
        },
    )


def _can_express(request: AuthedRequest, organisation: Organisation, own: Person | None) -> bool:
    """Staff record interest for anyone; a co-producer with a record, for themselves."""
    if not request.user.has_perm("opportunities.express_interest", organisation):
        return False
    return request.user.has_perm("opportunities.manage", organisation) or own is not None


@login_required
def opportunity_detail(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "opportunities.view_opportunity")
    opportunity = queries.opportunity_in(organisation, pk)
    fmt = download_format(request)
    if fmt:
        if not request.user.has_perm("opportunities.manage", organisation):
            raise PermissionDenied
        rows = queries.interest_rows(opportunity)
        return table_response(rows, f"interest-{opportunity.pk}", fmt, _("Interest"))
    return _detail_page(request, organisation, opportunity)


@login_required
@require_POST
def interest_add(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "opportunities.view_opportunity")
    opportunity = queries.opportunity_in(organisation, pk)
    own = person_of_user(organisation=organisation, user=request.user)
    if not _can_express(request, organisation, own):
        raise PermissionDenied
    can_manage = request.user.has_perm("opportunities.manage", organisation)
    form = InterestForm(request.POST, organisation=organisation, on_behalf=can_manage)
    if form.is_valid():
        person = form.cleaned_data.get("person") or own
        assert isinstance(person, Person)
        try:
            services.interest_express(
                opportunity=opportunity,
                person=person,
                by=request.user,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Thank you. The coordinator will be in touch before the closing date.")
            )
            return redirect(opportunity_url(opportunity))
    return _detail_page(request, organisation, opportunity, form=form)


@login_required
@require_POST
def selection_save(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "opportunities.manage")
    opportunity = queries.opportunity_in(organisation, pk)
    form = SelectionForm(request.POST, opportunity=opportunity)
    if form.is_valid():
        try:
            count = services.interest_decide(
                opportunity=opportunity, by=request.user, selected=form.cleaned_data["selected"]
            )
        except ValidationError as error:
            return _detail_page(
                request, organisation, opportunity, selection_error=" ".join(error.messages)
            )
        messages.success(request, _("%(n)s selected.") % {"n": count})
        return redirect(opportunity_url(opportunity))
    return _detail_page(
        request,
        organisation,
        opportunity,
        selection_error=" ".join(str(e) for e in form.errors.get("selected", [])),
    )


def opportunity_url(opportunity: Opportunity) -> str:
    return reverse(
        "opportunities:opportunity-detail",
        kwargs={"org_slug": opportunity.organisation.slug, "pk": opportunity.pk},
    )
