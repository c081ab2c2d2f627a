"""The link in a weekly digest that stops it, without signing in."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from coproduce.reports.digest import digest_stop_set, membership_for


@never_cache
@require_http_methods(["GET", "POST"])
def digest_stop(request: HttpRequest, token: str) -> HttpResponse:
    membership = membership_for(token)
    if membership is None:
        raise Http404("This link does not work.")
    if request.method == "POST":
        digest_stop_set(membership=membership, wanted=request.POST.get("wanted") == "yes")
        membership.refresh_from_db()
    return render(request, "reports/digest_stop.html", {"membership": membership})
