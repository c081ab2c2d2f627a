"""Pages for "you said, we did", including the public board."""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from coproduce.core.exports import download_format, table_response
from coproduce.core.forms import add_service_errors
from coproduce.core.http import AuthedRequest
from coproduce.core.ids import id_or_none
from coproduce.core.models import Organisation
from coproduce.core.tenancy import organisation_for_request
from coproduce.influence import queries, services
from coproduce.influence.forms import ItemForm, SaidForm, StatusForm, TargetsForm
from coproduce.influence.models import InfluenceItem, ItemStatus
from coproduce.messaging.models import Kind
from coproduce.messaging.queries import to_follow_up


@login_required
def item_list(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "influence.list_items")
    status = request.GET.get("status", "")
    status = status if status in ItemStatus.values else ""
    targets = services.targets_for(organisation)
    fmt = download_format(request)
    if fmt:
        log = queries.item_rows(queries.items_in(organisation, status=status), targets)
        name = f"you-said-we-did-{organisation.slug}"
        return table_response(log, name, fmt, _("You said, we did"))
    page = Paginator(queries.items_in(organisation, status=status), 25).get_page(
        request.GET.get("page")
    )
    rows = [(item, queries.overdue(item, targets)) for item in page.object_list]
    return render(
        request,
        "influence/item_list.html",
        {
            "rows": rows,
            "page": page,
            "status": status,
            "query": f"status={status}" if status else "",
            "statuses": ItemStatus.choices,
            "figures": queries.figures_for(organisation, targets),
            "targets": targets,
            "can_add": request.user.has_perm("influence.add_item", organisation),
            "follow_ups": to_follow_up(organisation).filter(kind=Kind.INFLUENCE_UPDATE).count()
            if request.user.has_perm("messaging.follow_up", organisation)
            else None,
        },
    )


@login_required
def item_create(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "influence.add_item")
    form = ItemForm(request.POST if request.method == "POST" else None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        people, initiative = data.pop("people"), data.pop("initiative")
        try:
            item = services.item_create(
                organisation=organisation,
                by=request.user,
                details=data,
                people=people,
                initiative=initiative,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Recorded. Now let them know it has been heard."))
            return redirect(item)
    return render(request, "influence/item_form.html", {"form": form})


@login_required
def item_detail(request: AuthedRequest, org_slug: str, pk: int) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "influence.list_items")
    item = queries.item_in(organisation=organisation, pk=pk)
    can_change = request.user.has_perm("influence.change_item", organisation)
    form = StatusForm(
        request.POST if request.method == "POST" else None,
        initial={
            "response": item.response,
            "evidence": item.evidence,
            "reason_not_changed": item.reason_not_changed,
        },
    )
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.item_set_status(item=item, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("Status changed. The people who raised it are being told.")
                )
                return redirect(item)
    return render(
        request,
        "influence/item_detail.html",
        {
            "item": item,
            "form": form,
            "can_change": can_change,
            "overdue": queries.overdue(item, services.targets_for(organisation)),
            "show_people": can_change,
        },
    )


@login_required
def to_tell_moved(request: AuthedRequest, org_slug: str) -> HttpResponse:
    """The old address of the people to tell in person: they are on the Messages page."""
    organisation_for_request(request, org_slug, "messaging.follow_up")
    return redirect("messaging:follow-up", org_slug=org_slug, permanent=True)


@login_required
def targets_edit(request: AuthedRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_for_request(request, org_slug, "influence.change_item")
    targets = services.targets_for(organisation)
    form = TargetsForm(
        request.POST if request.method == "POST" else None,
        initial={
            "acknowledge_within_days": targets.acknowledge_within_days,
            "answer_within_days": targets.answer_within_days,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.targets_set(organisation=organisation, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Targets saved."))
            return redirect("influence:item-list", org_slug=org_slug)
    return render(request, "influence/targets_form.html", {"form": form})


def public_board(request: HttpRequest, org_slug: str) -> HttpResponse:
    """Open to everyone: what people raised and what happened, without anyone's name."""
    organisation = get_object_or_404(Organisation, slug=org_slug)
    initiative = request.GET.get("initiative", "")
    initiative_id = id_or_none(initiative)
    items = queries.public_items(organisation, initiative_id)
    page = Paginator(items, 20).get_page(request.GET.get("page"))
    return render(
        request, "influence/public_board.html", {"organisation": organisation, "page": page}
    )


def said_page(
    request: AuthedRequest,
    organisation: Organisation,
    said: queries.Said,
    make: Callable[..., InfluenceItem] | None = None,
) -> HttpResponse:
    """The page that makes an item from something people said (the apps that hold the
    words route to it): once only, then it goes to the item. `make(by, title,
    addressed_to)` puts it on the log, when the record has more to do than that."""
    make = make or functools.partial(services.said_to_item, organisation=organisation, said=said)
    made = queries.item_from(organisation, said)
    if made is not None:
        messages.info(request, _("This is on your “you said, we did” log already."))
        return redirect(made.get_absolute_url())
    form = SaidForm(
        request.POST if request.method == "POST" else None,
        initial={
            "title": said.title or said.words.split("\n")[0][:200],
            "addressed_to": organisation.name,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            item = make(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("It is on your “you said, we did” log."))
            return redirect(item.get_absolute_url())
    explained = _("The item says it was raised by “%(group)s”, and links back to %(place)s.") % {
        "group": said.group,
        "place": said.came_from,
    }
    if not said.words:
        explained += " " + _(
            "These words were not agreed for quoting, so they are not copied: say in the "
            "item what was raised, in your own words."
        )
    return render(
        request,
        "influence/said_form.html",
        {"form": form, "caption": said.came_from, "quoted": said.words, "explained": explained},
        status=400 if form.errors else 200,
    )
