"""Pages for sessions: list, plan, the register on the day, and importing attendance."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coproduce.core.exports import download_format, table_response
from coproduce.core.forms import add_service_errors
from coproduce.core.http import AuthedRequest
from coproduce.core.ids import id_or_none, ids_in
from coproduce.core.queries import history_of
from coproduce.core.tenancy import organisation_for_request
from coproduce.people.models import Person
from coproduce.sessions import import_services, queries, series, services
from coproduce.sessions.change_views import copy_of
from coproduce.sessions.forms import (
    AgendaItemForm,
    AttendanceDetailFormSet,
    NewSessionForm,
)
from coproduce.web.forms import TableFileForm


@login_required
def session_list(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "sessions.list_sessions")
    can_register = request.user.has_perm("sessions.take_register", organisation)
    fmt = download_format(request)
    if fmt and request.GET.get("table") == "attendance":
        if not can_register:
            raise PermissionDenied
        rows = queries.attendance_rows(organisation)
        return table_response(rows, f"attendance-{organisation.slug}", fmt, _("Attendance"))
    if fmt:
        rows = queries.session_rows(queries.sessions_in(organisation))
        return table_response(rows, f"sessions-{organisation.slug}", fmt, _("Sessions"))
    page = Paginator(queries.sessions_in(organisation), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "sessions/session_list.html",
        {
            "page": page,
            "can_add": request.user.has_perm("sessions.add_session", organisation),
            "can_register": can_register,
        },
    )


@login_required
def session_create(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "sessions.add_session")
    copied = id_or_none(request.GET.get("from", ""))
    initial = {}
    if copied is not None:
        initial = copy_of(queries.session_in(organisation=organisation, pk=copied))
    form = NewSessionForm(
        request.POST if request.method == "POST" else None,
        organisation=organisation,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        invitees, initiative = data.pop("invitees"), data.pop("initiative")
        every, times = data.pop("repeat"), data.pop("times")
        try:
            if every:
                planned = series.session_series_create(
                    organisation=organisation,
                    by=request.user,
                    details=data,
                    every=every,
                    times=times,
                    invitees=invitees,
                    initiative=initiative,
                )
            else:
                planned = [
                    services.session_create(
                        organisation=organisation,
                        by=request.user,
                        details=data,
                        invitees=invitees,
                        initiative=initiative,
                    )
                ]
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                ngettext("Session planned.", "%(n)s sessions planned.", len(planned))
                % {"n": len(planned)},
            )
            return redirect(planned[0])
    return render(
        request,
        "sessions/session_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@login_required
def session_detail(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "sessions.list_sessions")
    session = queries.session_in(organisation=organisation, pk=pk)
    can_register = request.user.has_perm("sessions.take_register", organisation)
    form = AgendaItemForm(request.POST if request.method == "POST" and can_register else None)
    if form.is_bound and form.is_valid():
        services.agenda_item_add(session=session, by=request.user, **form.cleaned_data)
        messages.success(request, _("Added to the agenda."))
        return redirect(session)
    return render(
        request,
        "sessions/session_detail.html",
        {
            "session": session,
            "series": queries.series_of(session),
            "form": form,
            "can_register": can_register,
            "needs": queries.invitee_needs(session) if can_register else [],
            "attendance": queries.attendance_of(session) if can_register else None,
            "can_change": request.user.has_perm("sessions.add_session", organisation),
            "history": history_of(session) if can_register else [],
        },
    )


@login_required
def register(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "sessions.take_register")
    session = queries.session_in(organisation=organisation, pk=pk)
    if request.method == "POST":
        ids = ids_in(request.POST.getlist("present"))
        present = Person.objects.filter(organisation=organisation, pk__in=ids)
        newcomers = request.POST.get("newcomers", "").splitlines()[:200]
        try:
            result = services.register_save(
                session=session, by=request.user, present=present, newcomers=newcomers
            )
        except ValidationError as error:
            # Nothing was saved; the register is shown again as it was, with the reason.
            messages.error(request, " ".join(error.messages))
            return render(
                request,
                "sessions/register.html",
                {"session": session, **queries.register_people(session)},
                status=409,
            )
        messages.success(
            request,
            _("Register saved: %(n)s people, %(new)s of them new.")
            % {"n": result.present, "new": result.newcomers},
        )
        return redirect(session)
    return render(
        request, "sessions/register.html", {"session": session, **queries.register_people(session)}
    )


@login_required
def attendance_import(request: AuthedRequest, org_slug: str, pk: int | None = None) -> HttpResponse:
    """Attendance from a spreadsheet, for many sessions or (from a session's page) one."""
    organisation = organisation_for_request(request, org_slug, "sessions.take_register")
    session = queries.session_in(organisation=organisation, pk=pk) if pk else None
    hint = (
        _(
            "One row for each person who came. Say who they are in a column called person, "
            "email, phone or name. Hours (the session's length if empty) and role are optional."
        )
        if session
        else _(
            "One row for each person at each session: a session column with the session's "
            "number, and who came in a column called person, email, phone or name. Hours "
            "(the session's length if empty) and role are optional."
        )
    )
    form = TableFileForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        columns_hint=hint,
    )
    report = None
    if request.method == "POST" and form.is_valid():
        report = import_services.attendance_import(
            organisation=organisation,
            by=request.user,
            data=form.cleaned_data["file"].read(),
            session=session,
        )
        if not report.errors:
            messages.success(request, _("Imported %(n)s attendance records.") % {"n": report.saved})
            if session:
                return redirect(session)
            return redirect("sessions:session-list", org_slug=org_slug)
    return render(
        request,
        "sessions/attendance_import.html",
        {"form": form, "report": report, "session": session},
    )


@login_required
def attendance_details(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    """After the register: hours, role on the day, and who spoke, for each person."""
    organisation = organisation_for_request(request, org_slug, "sessions.take_register")
    session = queries.session_in(organisation=organisation, pk=pk)
    formset = AttendanceDetailFormSet(
        request.POST if request.method == "POST" else None,
        queryset=session.attendance.select_related("person").order_by("person__preferred_name"),
        prefix="rows",
    )
    problem = ""
    if request.method == "POST" and formset.is_valid():
        details = [
            services.AttendanceDetail(
                form.instance.pk,
                form.cleaned_data["hours"],
                form.cleaned_data["role"],
                form.cleaned_data["spoke"],
            )
            for form in formset.forms
        ]
        try:
            services.attendance_details_save(session=session, by=request.user, details=details)
        except ValidationError as error:
            problem = " ".join(error.messages)
        else:
            messages.success(request, _("Attendance details saved."))
            return redirect(session)
    return render(
        request,
        "sessions/attendance_details.html",
        {"session": session, "formset": formset, "problem": problem},
    )
