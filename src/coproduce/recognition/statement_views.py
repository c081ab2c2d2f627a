"""A person's statement of recognition: on the page, as CSV and as a PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.core.exports import csv_response
from coproduce.core.forms import add_service_errors
from coproduce.core.http import AuthedRequest
from coproduce.core.models import Organisation
from coproduce.core.tenancy import organisation_for_request
from coproduce.people.models import Person
from coproduce.people.queries import easy_read_chosen, person_in, person_of_user
from coproduce.recognition import services
from coproduce.recognition.forms import (
    ChoiceForm,
    GiftForm,
    SpendForm,
)
from coproduce.recognition.models import Caps
from coproduce.recognition.statement import statement_for, statement_rows
from coproduce.web.forms import choose_from
from coproduce.web.pdf import pdf_later


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
    statement = statement_for(person)
    easy = easy_read_chosen(request, person, by_default=own)
    # Read once: whether there is anything to spend on, and the list to choose from.
    offers = list(spend_form.fields["offer"].queryset)  # type: ignore[attr-defined]
    choose_from(spend_form.fields["offer"], offers)  # type: ignore[arg-type]
    return render(
        request,
        "recognition/statement_easy.html" if easy else "recognition/statement.html",
        {
            "person": person,
            "statement": statement,
            "own": own,
            "can_manage": can_manage,
            "spend_form": spend_form,
            "gift_form": gift_form,
            "choice_form": choice_form,
            "caps": caps,
            "has_offers": bool(offers),
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
    return csv_response(statement_rows(statement_for(person)), f"statement-{person.pk}.csv")


@login_required
def statement_pdf(request: HttpRequest, org_slug: str, pk: int | None = None) -> HttpResponse:
    person = _statement_person(request, org_slug, pk)
    easy = easy_read_chosen(request, person, by_default=True)
    name = f"statement-easy-read-{person.pk}.pdf" if easy else f"statement-{person.pk}.pdf"
    return pdf_later(
        request,
        "recognition/statement_easy_print.html" if easy else "recognition/statement_print.html",
        {
            "person": person,
            "statement": statement_for(person),
            "organisation": person.organisation,
            "today": timezone.localdate(),
        },
        name,
    )
