"""Pages for bringing people in from a spreadsheet: upload, match the columns, check
every row, then import them all at once."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from coproduce.core.forms import add_service_errors
from coproduce.core.http import AuthedRequest
from coproduce.core.ids import id_or_none
from coproduce.core.models import Organisation
from coproduce.core.tenancy import organisation_for_request
from coproduce.people import import_services
from coproduce.people.forms import ColumnsForm
from coproduce.people.import_queries import IMPORT_FIELDS, import_check
from coproduce.people.models import ImportStep, PeopleImport
from coproduce.web.forms import TableFileForm, posted


@login_required
def import_upload(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "people.add_person")
    form = TableFileForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        columns_hint=_("The first row names the columns. You say which is which next."),
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = import_services.import_start(
                organisation=organisation,
                by=request.user,
                filename=upload.name,
                data=upload.read(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("people:person-import-batch", org_slug=organisation.slug, pk=batch.pk)
    return render(
        request, "people/import_upload.html", {"form": form}, status=400 if form.errors else 200
    )


def _import(
    request: AuthedRequest, organisation: Organisation, batch: PeopleImport
) -> HttpResponse | None:
    """Import now, or in the background for a large file; None if it was refused (the
    reason is in the page's messages)."""
    choices = {
        number: request.POST.get(f"row-{number}", import_services.SKIP)
        for number in (id_or_none(k[4:]) for k in request.POST if k.startswith("row-"))
        if number is not None
    }
    try:
        if len(batch.rows) > import_services.BACKGROUND_ROWS:
            import_services.import_queue(batch=batch, by=request.user, choices=choices)
            return redirect("people:person-import-batch", org_slug=organisation.slug, pk=batch.pk)
        report = import_services.import_run(batch=batch, by=request.user, choices=choices)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return None
    messages.success(
        request,
        _("Imported: %(added)s added, %(updated)s updated, %(skipped)s left out.") % report,
    )
    return redirect("people:person-list", org_slug=organisation.slug)


@login_required
def import_batch(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "people.add_person")
    # The file's cells are read only if the check is not kept from an earlier visit.
    batch = get_object_or_404(PeopleImport.objects.defer("rows"), organisation=organisation, pk=pk)
    if request.headers.get("HX-Request") and request.method == "GET":
        # A background import's page asks every few seconds how far it has got.
        return render(request, "people/includes/import_progress.html", {"batch": batch})
    if batch.step == ImportStep.DONE:
        return render(request, "people/import_done.html", {"batch": batch})
    if batch.step == ImportStep.RUNNING:
        # Sent again while it runs: it is importing already, once.
        status = 409 if request.method == "POST" else 200
        return render(request, "people/import_running.html", {"batch": batch}, status=status)
    columns = ColumnsForm(
        posted(request) if request.POST.get("step") == "match" else None,
        headers=batch.headers,
        initial=batch.columns,
    )
    status = 200
    if request.POST.get("step") == "match" and columns.is_valid():
        try:
            import_services.import_match(batch=batch, by=request.user, columns=columns.cleaned_data)
        except ValidationError as error:
            add_service_errors(columns, error)
        else:
            return redirect("people:person-import-batch", org_slug=organisation.slug, pk=batch.pk)
    if request.POST.get("step") == "import":
        done = _import(request, organisation, batch)
        if done is not None:
            return done
        status = 409
    if columns.errors:
        status = 400
    checked = import_check(batch, kept=True) if batch.step == ImportStep.CHECKING else None
    return render(
        request,
        "people/import_batch.html",
        {
            "batch": batch,
            "columns": columns,
            "checked": checked,
            "labels": IMPORT_FIELDS,
            "problem_rows": len({p.row for p in checked.problems}) if checked else 0,
        },
        status=status,
    )
