"""Pages for people's data protection rights: see and download everything, and erasure."""

from __future__ import annotations

import datetime
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coproduce.core.http import AuthedRequest
from coproduce.core.tenancy import organisation_for_request
from coproduce.people.models import Person
from coproduce.people.queries import person_in
from coproduce.privacy import queries, retention, services
from coproduce.privacy.forms import RetentionForm
from coproduce.privacy.models import ExportStatus


@login_required
def person_data(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    """Everything held about someone, to read here or download as JSON."""
    person = _person_to_export(request, org_slug, pk)
    export = services.person_export(person=person, by=request.user)
    if request.GET.get("format") == "json":
        response = HttpResponse(
            json.dumps(export, indent=2, ensure_ascii=False), content_type="application/json"
        )
        response["Content-Disposition"] = f'attachment; filename="your-data-{person.pk}.json"'
        return response
    sections = [
        {"label": label, "columns": list(rows[0]), "rows": [list(r.values()) for r in rows]}
        for label, rows in export["records"].items()
    ]
    return render(
        request,
        "privacy/person_data.html",
        {
            "person": person,
            "export": export,
            "sections": sections,
            "can_erase": request.user.has_perm("privacy.erase_person", person)
            and person.erased_at is None,
            "exports": queries.exports_for(person),
            "own": person.user_id == request.user.pk,
        },
    )


def _person_to_export(request: HttpRequest, org_slug: str, pk: int) -> Person:
    organisation = organisation_for_request(request, org_slug)
    person = person_in(organisation=organisation, pk=pk)
    if not request.user.has_perm("privacy.export_person", person):
        raise PermissionDenied
    return person


@login_required
@require_POST
def export_create(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    """Start preparing a copy (JSON and PDF) in the background."""
    person = _person_to_export(request, org_slug, pk)
    export = services.export_request(person=person, by=request.user)
    return redirect("privacy:export", org_slug, person.pk, export.pk)


@login_required
def export(request: HttpRequest, org_slug: str, pk: int, export_pk: int) -> HttpResponse:
    """How far a copy has got; the page asks again every two seconds until it is ready."""
    person = _person_to_export(request, org_slug, pk)
    found = queries.export_of(person, export_pk)
    if request.method == "POST":
        found = services.export_retry(export=found)
        return redirect("privacy:export", org_slug, person.pk, found.pk)
    # Waiting with no worker to take it, or a worker that stopped half way.
    stuck = found.status in {
        ExportStatus.WAITING,
        ExportStatus.RUNNING,
    } and timezone.now() - found.requested_at > datetime.timedelta(minutes=10)
    context = {"person": person, "export": found, "stuck": stuck}
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "privacy/includes/export_progress.html", context)
    return render(request, "privacy/export.html", context)


@login_required
def export_download(
    request: HttpRequest, org_slug: str, pk: int, export_pk: int, fmt: str
) -> FileResponse:
    if fmt not in {"json", "pdf"}:
        raise Http404("No such format.")
    person = _person_to_export(request, org_slug, pk)
    found = queries.export_of(person, export_pk)
    stored = found.json_file if fmt == "json" else found.pdf_file
    if found.status != ExportStatus.READY or not stored:
        raise Http404("This copy is not ready.")
    return FileResponse(
        stored.open("rb"), as_attachment=True, filename=f"your-data-{person.pk}.{fmt}"
    )


@login_required
def person_erase(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug)
    person = person_in(organisation=organisation, pk=pk)
    if not request.user.has_perm("privacy.erase_person", person):
        raise PermissionDenied
    error = ""
    if request.method == "POST":
        if person.erased_at is not None:
            messages.info(request, _("This record was erased already."))
            return redirect("people:person-list", org_slug=org_slug)
        if request.POST.get("confirm", "").strip() != person.preferred_name:
            error = _("Type their preferred name exactly as shown to confirm.")
        else:
            services.person_erase(person=person, by=request.user)
            messages.success(
                request,
                _("Erased. Their details are gone; totals and the ledger still add up."),
            )
            return redirect("people:person-list", org_slug=org_slug)
    return render(
        request,
        "privacy/person_erase.html",
        {"person": person, "error": error},
        status=422 if error else 200,
    )


@login_required
def overview(request: AuthedRequest, org_slug: str) -> HttpResponse:
    """Retention, with who it would clear now, and the record of processing activities."""
    organisation = organisation_for_request(request, org_slug, "privacy.manage")
    rule = retention.rule_for(organisation)
    form = RetentionForm(
        request.POST if request.method == "POST" and "save" in request.POST else None,
        initial={"contact_details_years": rule.contact_details_years},
    )
    if request.method == "POST":
        if "apply" in request.POST:
            cleared = retention.apply(organisation=organisation, by=request.user)
            messages.success(
                request,
                _("Cleared the contact details of %(n)s people.") % {"n": cleared},
            )
            return redirect("privacy:overview", org_slug=org_slug)
        if form.is_valid():
            retention.rule_set(organisation=organisation, by=request.user, **form.cleaned_data)
            messages.success(request, _("Saved."))
            return redirect("privacy:overview", org_slug=org_slug)
    return render(
        request,
        "privacy/overview.html",
        {"form": form, "due": retention.due(organisation), "record": services.processing_record()},
    )
