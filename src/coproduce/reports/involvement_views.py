"""One person's involvement record: on the page, in easy read, as CSV and as a PDF."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from coproduce.core.exports import csv_response
from coproduce.core.tenancy import organisation_for_request
from coproduce.people.models import Person
from coproduce.people.queries import easy_read_chosen, person_in
from coproduce.recognition.queries import recognised
from coproduce.reports import involvement, queries
from coproduce.web.pdf import pdf_later


def _csv(person: Person, record: queries.Involvement) -> HttpResponse:
    rows: list[list[Any]] = [["date", "session", "initiative", "role", "hours"]]
    rows += [
        [
            row.session.starts_at.date().isoformat(),
            row.session.title,
            row.session.initiative.title if row.session.initiative else "",
            row.get_role_display(),
            row.hours,
        ]
        for row in record["attendance"]
    ]
    rows += [[], ["raised on", "what was raised", "status", "what happened"]]
    rows += [
        [
            item.raised_on.isoformat(),
            item.title,
            item.get_status_display(),
            item.reason_not_changed or item.response,
        ]
        for item in record["items"]
    ]
    return csv_response(rows, f"involvement-{person.pk}.csv")


@login_required
def involvement_record(request: HttpRequest, org_slug: str, pk: int) -> HttpResponse:
    """One person's involvement: sessions, roles, hours, and what became of what they raised.
    Their own record speaks to them; it opens in easy read when they asked for easy read."""
    organisation = organisation_for_request(request, org_slug)
    person = person_in(organisation=organisation, pk=pk)
    if not request.user.has_perm("people.view_person", person):
        raise PermissionDenied
    record = queries.involvement_of(person)
    output = request.GET.get("format", "")
    if output == "csv":
        return _csv(person, record)
    own = person.user_id is not None and person.user_id == request.user.pk
    # Staff read the full record unless they ask; a PDF is a copy to give the person.
    for_them = own or output == "pdf"
    easy = easy_read_chosen(request, person, by_default=for_them)
    context: dict[str, Any] = {
        "person": person,
        "own": own,
        "organisation": organisation,
        "today": timezone.localdate(),
        **record,
    }
    if easy:
        context |= {
            "totals": involvement.totals_points(record, for_them),
            "session_points": involvement.session_points(record),
            "raised_points": involvement.raised_points(record, for_them),
        }
    if output == "pdf":
        template = (
            "reports/involvement_easy_print.html" if easy else "reports/involvement_print.html"
        )
        suffix = "-easy-read" if easy else ""
        return pdf_later(request, template, context, f"involvement{suffix}-{person.pk}.pdf")
    if request.user.has_perm("recognition.view_ledger", organisation) or own:
        context["recognised"] = recognised(person)
    template = "reports/involvement_easy.html" if easy else "reports/involvement_record.html"
    return render(request, template, context)
