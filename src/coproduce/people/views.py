"""Pages for people: list, add, view, edit, consents and equality information."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coproduce.core.exports import download_format, table_response
from coproduce.core.forms import add_service_errors
from coproduce.core.http import AuthedRequest
from coproduce.core.tenancy import organisation_for_request
from coproduce.people import queries, services
from coproduce.people.forms import ConsentForm, PeopleFilterForm, PersonForm, SpecialCategoryForm
from coproduce.people.models import Consent, ConsentPurpose, Person

PAGE_SIZE = 25


def _person(request: HttpRequest, org_slug: str, pk: int, perm: str) -> Person:
    person = queries.person_in(organisation=organisation_for_request(request, org_slug), pk=pk)
    if not request.user.has_perm(perm, person):
        raise PermissionDenied
    return person


@login_required
def person_list(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "people.list_people")
    filters = PeopleFilterForm(request.GET)
    people = queries.people_in(organisation=organisation, **filters.filters())
    fmt = download_format(request)
    if fmt:
        return table_response(
            queries.people_rows(people), f"people-{organisation.slug}", fmt, _("People")
        )
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "people/person_list.html",
        {
            "filters": filters,
            "page": page,
            "query": query.urlencode(),
            "elided_pages": page.paginator.get_elided_page_range(page.number),
            "can_add": request.user.has_perm("people.add_person", organisation),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "people.add_person")
    form = PersonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(
                organisation=organisation,
                by=request.user,
                details=form.details(),
                access_needs=form.cleaned_data["access_needs"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(name)s has been added.") % {"name": person})
            return redirect(person)
    return render(request, "people/person_form.html", {"form": form, "person": None})


@login_required
def person_detail(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    person = _person(request, org_slug, pk, "people.view_person")
    user = request.user
    can_see_special = user.has_perm("people.view_special_category", person)
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            "consents": queries.consents_of(person),
            "can_edit": user.has_perm("people.change_person", person),
            "can_delete": user.has_perm("people.delete_person", person),
            "can_manage_consent": user.has_perm("people.manage_consent", person),
            "can_see_special": can_see_special,
            "can_see_messages": user.has_perm("messaging.list_messages", person.organisation),
            "special": (
                services.special_category_open(person=person, by=user) if can_see_special else None
            ),
            "special_consent": services.active_special_category_consent(person),
            "audit_trail": queries.audit_trail_for(person)
            if user.has_perm("people.list_people", person.organisation)
            else [],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    person = _person(request, org_slug, pk, "people.change_person")
    form = PersonForm(
        request.POST if request.method == "POST" else None,
        instance=Person.objects.get(pk=person.pk),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(
                person=person,
                by=request.user,
                changes=form.details(),
                access_needs=form.cleaned_data["access_needs"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect(person)
    return render(request, "people/person_form.html", {"form": form, "person": person})


@login_required
@require_http_methods(["GET", "POST"])
def person_delete(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    person = _person(request, org_slug, pk, "people.delete_person")
    if request.method == "POST":
        name = str(person)
        try:
            services.person_delete(person=person, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(person)
        messages.success(request, _("%(name)s's record has been deleted.") % {"name": name})
        return redirect("people:person-list", org_slug=org_slug)
    return render(request, "people/person_confirm_delete.html", {"person": person})


@login_required
@require_http_methods(["GET", "POST"])
def special_category_edit(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    person = _person(request, org_slug, pk, "people.change_special_category")
    consent = services.active_special_category_consent(person)
    current = services.special_category_open(person=person, by=request.user)
    initial = {}
    if current is not None:
        initial = {field: getattr(current, field) for field in SpecialCategoryForm.base_fields}
    form = SpecialCategoryForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.special_category_save(person=person, by=request.user, values=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Equality information saved."))
            return redirect(person)
    return render(
        request,
        "people/special_category_form.html",
        {"person": person, "form": form, "consent": consent},
    )


@login_required
@require_http_methods(["GET", "POST"])
def consent_create(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    person = _person(request, org_slug, pk, "people.manage_consent")
    purpose = request.GET.get("purpose", "")
    form = ConsentForm(
        request.POST if request.method == "POST" else None,
        initial={"purpose": purpose} if purpose in ConsentPurpose.values else {},
    )
    if request.method == "POST" and form.is_valid():
        try:
            consent = services.consent_record(person=person, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Agreement recorded."))
            if consent.purpose == ConsentPurpose.SPECIAL_CATEGORY:
                return redirect("people:person-special-category", org_slug=org_slug, pk=person.pk)
            return redirect(person)
    return render(request, "people/consent_form.html", {"person": person, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def consent_withdraw(
    request: AuthedRequest, org_slug: str, pk: int, consent_pk: int
) -> HttpResponse:
    person = _person(request, org_slug, pk, "people.manage_consent")
    consent = get_object_or_404(Consent.objects.active(), pk=consent_pk, person=person)
    if request.method == "POST":
        services.consent_withdraw(consent=consent, by=request.user)
        messages.success(request, _("The agreement has been withdrawn."))
        return redirect(person)
    return render(
        request, "people/consent_confirm_withdraw.html", {"person": person, "consent": consent}
    )
