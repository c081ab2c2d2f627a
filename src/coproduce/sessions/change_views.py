"""Pages for changing plans: change or move a session, cancel it (saying why), copy it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coproduce.core.forms import add_service_errors
from coproduce.core.http import AuthedRequest
from coproduce.core.tenancy import organisation_for_request
from coproduce.sessions import queries, series, services
from coproduce.sessions.forms import AfterForm, CancelForm, SessionForm
from coproduce.sessions.models import Session
from coproduce.sessions.services import SESSION_FIELDS
from coproduce.web.forms import posted


def _plan_of(session: Session) -> dict[str, object]:
    """A session's plan as form values, for changing it or copying it."""
    return {
        **{name: getattr(session, name) for name in SESSION_FIELDS},
        "initiative": session.initiative_id,
        "invitees": list(session.invitees.values_list("pk", flat=True)),
    }


@login_required
def session_edit(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "sessions.add_session")
    session = queries.session_in(organisation=organisation, pk=pk)
    form = SessionForm(posted(request), organisation=organisation, initial=_plan_of(session))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        invitees, initiative = data.pop("invitees"), data.pop("initiative")
        try:
            services.session_update(
                session=session,
                by=request.user,
                details=data,
                invitees=invitees,
                initiative=initiative,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Session changed. The change is kept in its history."))
            return redirect(session)
    return render(
        request,
        "sessions/session_form.html",
        {"form": form, "session": session},
        status=_status(form),
    )


@login_required
def session_cancel(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "sessions.add_session")
    session = queries.session_in(organisation=organisation, pk=pk)
    form = CancelForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["later"]:
                cancelled = series.series_cancel_from(
                    session=session, by=request.user, reason=form.cleaned_data["reason"]
                )
            else:
                cancelled = [
                    services.session_cancel(
                        session=session, by=request.user, reason=form.cleaned_data["reason"]
                    )
                ]
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                ngettext("Session cancelled.", "%(n)s sessions cancelled.", len(cancelled))
                % {"n": len(cancelled)},
            )
            return redirect(session)
    return render(
        request,
        "sessions/session_cancel.html",
        {"form": form, "session": session},
        status=_status(form),
    )


@login_required
def session_after(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    """After the session: the debrief, how it went and what is owed to people."""
    organisation = organisation_for_request(request, org_slug, "sessions.take_register")
    session = queries.session_in(organisation=organisation, pk=pk)
    form = AfterForm(posted(request), instance=session)
    if request.method == "POST" and form.is_valid():
        services.session_debrief(session=session, by=request.user, values=form.cleaned_data)
        messages.success(request, _("Saved. It is in the session's history."))
        return redirect(session)
    return render(
        request,
        "sessions/session_after.html",
        {"form": form, "session": session},
        status=400 if form.errors else 200,
    )


def _status(form: SessionForm | CancelForm) -> int:
    """200 for a form to fill in; 409 when the session's state forbids it; 400 when
    something typed is wrong."""
    if not form.errors:
        return 200
    return 409 if form.non_field_errors() else 400


def copy_of(session: Session) -> dict[str, object]:
    """The plan for a copy: the same session a week later."""
    plan = _plan_of(session)
    plan["starts_at"] = series.same_local_time(session.starts_at, 7)
    return plan
