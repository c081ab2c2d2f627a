"""Pages for the opportunities board."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from coproduce.core.forms import add_service_errors
from coproduce.core.http import AuthedRequest
from coproduce.core.tenancy import organisation_for_request
from coproduce.opportunities import queries, services
from coproduce.opportunities.forms import InterestForm, OpportunityForm
from coproduce.opportunities.models import InterestStatus
from coproduce.people.models import Person
from coproduce.people.queries import person_of_user


@login_required
def opportunity_list(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "opportunities.view_opportunity")
    can_manage = request.user.has_perm("opportunities.manage", organisation)
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
    return render(request, "opportunities/opportunity_form.html", {"form": form})


@login_required
def opportunity_detail(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "opportunities.view_opportunity")
    opportunity = queries.opportunity_in(organisation, pk)
    can_manage = request.user.has_perm("opportunities.manage", organisation)
    own = person_of_user(organisation=organisation, user=request.user)
    can_express = request.user.has_perm("opportunities.express_interest", organisation) and (
        can_manage or own is not None
    )
    bound = request.method == "POST"
    action = request.POST.get("action", "")
    form = InterestForm(
        request.POST if bound and action == "interest" else None,
        organisation=organisation,
        on_behalf=can_manage,
    )
    interest = list(queries.interest_in(opportunity)) if can_manage else []
    if bound:
        try:
            if action == "interest":
                if not can_express:
                    raise PermissionDenied
                if form.is_valid():
                    person = form.cleaned_data.get("person") or own
                    assert isinstance(person, Person)
                    services.interest_express(
                        opportunity=opportunity,
                        person=person,
                        by=request.user,
                        note=form.cleaned_data["note"],
                    )
                    messages.success(
                        request,
                        _("Thank you. The coordinator will be in touch before the closing date."),
                    )
                    return redirect(request.path)
            elif action == "select":
                if not can_manage:
                    raise PermissionDenied
                chosen = set(request.POST.getlist("selected"))
                count = services.interest_decide(
                    opportunity=opportunity,
                    by=request.user,
                    selected=[i.person for i in interest if str(i.person_id) in chosen],
                )
                messages.success(request, _("%(n)s selected.") % {"n": count})
                return redirect(request.path)
        except ValidationError as error:
            if action == "interest":
                add_service_errors(form, error)
            else:
                messages.error(request, " ".join(error.messages))
    mine = opportunity.interest.filter(person=own).first() if own is not None else None
    return render(
        request,
        "opportunities/opportunity_detail.html",
        {
            "opportunity": opportunity,
            "form": form,
            "interest": interest,
            "can_manage": can_manage,
            "can_express": can_express and opportunity.is_open and (can_manage or mine is None),
            "mine": mine,
            "selected_status": InterestStatus.SELECTED,
        },
    )
