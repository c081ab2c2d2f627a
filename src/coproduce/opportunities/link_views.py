"""Own links to say "I'm interested", for people who never sign in: staff make them
for chosen people, and the person opens theirs without an account."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from coproduce.core.errors import status_for
from coproduce.core.forms import add_service_errors
from coproduce.core.http import AuthedRequest
from coproduce.core.tenancy import organisation_for_request
from coproduce.opportunities import queries, sending, services
from coproduce.opportunities.forms import OwnInterestForm
from coproduce.opportunities.models import Interest
from coproduce.people.language import speak_their_language
from coproduce.people.models import Person
from coproduce.people.own_links import OwnLinksForm
from coproduce.web.forms import posted


@login_required
def interest_links(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    """Make people their own links; each is shown once, to copy and send."""
    organisation = organisation_for_request(request, org_slug, "opportunities.manage")
    opportunity = queries.opportunity_in(organisation, pk)
    form = OwnLinksForm(
        posted(request),
        organisation=organisation,
        help_text=_("For people who do not sign in. People who have a link already keep it."),
    )
    made: list[tuple[Person, str]] = []
    not_sent: list[Person] = []
    if request.method == "POST" and form.is_valid():
        send = form.cleaned_data["send"]
        made = [
            (person, request.build_absolute_uri(reverse("opportunities:interest-own", args=[t])))
            for person, t in services.interest_links_create(
                opportunity=opportunity,
                by=request.user,
                people=form.cleaned_data["people"],
                send=send,
            )
        ]
        if send:
            agreed = sending.agreed_to_hear(p for p, _link in made)
            not_sent = [p for p, _link in made if p.pk not in agreed]
    return render(
        request,
        "opportunities/interest_links.html",
        {
            "opportunity": opportunity,
            "form": form,
            "made": made,
            "sent": len(made) - len(not_sent) if made and form.cleaned_data["send"] else 0,
            "not_sent": not_sent,
            "given": opportunity.interest_links.count(),
        },
        status=400 if form.errors else 200,
    )


@never_cache
def interest_own(request: HttpRequest, token: str) -> HttpResponse:
    """A person's own link: what the opportunity is, and one button to say yes."""
    link = queries.interest_link(token)
    speak_their_language(request, link.person)
    opportunity = link.opportunity
    form = OwnInterestForm(posted(request))
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.interest_by_link(link=link, note=form.cleaned_data["note"])
        except ValidationError as error:
            add_service_errors(form, error)
            status = status_for(error)
    interest = Interest.objects.filter(opportunity=opportunity, person=link.person).first()
    return render(
        request,
        "opportunities/interest_own.html",
        {
            "opportunity": opportunity,
            "person": link.person,
            "form": form,
            "interest": interest,
        },
        status=status,
    )
