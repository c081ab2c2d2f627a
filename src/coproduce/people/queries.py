"""Reads for people: lists, filters and summaries, always inside one organisation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from coproduce.core.models import AuditEvent, Organisation, User
from coproduce.core.tenancy import scoped
from coproduce.people.models import AccessNeed, AccessNeedKind, Consent, Person


def people_in(
    *,
    organisation: Organisation,
    search: str = "",
    access_need: str = "",
    recognition: str = "",
    has_login: bool | None = None,
) -> QuerySet[Person]:
    """People in an organisation, filtered, with their access needs loaded in one query."""
    people = scoped(Person.objects.all(), organisation).search(search)
    if access_need:
        people = people.with_access_need(access_need)
    if recognition:
        people = people.filter(recognition_preference=recognition)
    if has_login is not None:
        people = people.filter(user__isnull=not has_login)
    return people.prefetch_related(
        Prefetch("access_needs", queryset=AccessNeed.objects.order_by("kind"))
    ).select_related("organisation")


def person_in(*, organisation: Organisation, pk: Any) -> Person:
    """One person in an organisation, or 404."""
    try:
        return (
            scoped(Person.objects.all(), organisation)
            .select_related("organisation")
            .prefetch_related("access_needs")
            .get(pk=int(pk))
        )
    except (Person.DoesNotExist, ValueError, TypeError, OverflowError) as error:
        raise Http404("No person found.") from error


def person_of_user(*, organisation: Organisation, user: User | AnonymousUser) -> Person | None:
    """The signed-in user's own person record in an organisation, if they have one."""
    if not isinstance(user, User):
        return None
    return scoped(Person.objects.all(), organisation).filter(user=user).first()


def consents_of(person: Person) -> QuerySet[Consent]:
    return person.consents.select_related("recorded_by", "withdrawn_by")


def access_needs_summary(people: QuerySet[Person]) -> list[tuple[str, int]]:
    """How many of these people have each access need, most common first."""
    labels = dict(AccessNeedKind.choices)
    rows = (
        AccessNeed.objects.filter(person__in=people)
        .values("kind")
        .annotate(count=Count("person", distinct=True))
        .order_by("-count", "kind")
    )
    return [(str(labels[row["kind"]]), row["count"]) for row in rows]


def audit_trail_for(person: Person, limit: int = 20) -> list[AuditEvent]:
    """The latest recorded acts about a person, newest first."""
    events = AuditEvent.objects.filter(organisation_id=person.organisation_id).filter(
        Q(on_behalf_of=person.pk) | Q(target_type="people.person", target_id=person.pk)
    )
    return list(events.select_related("actor")[:limit])


def people_rows(people: QuerySet[Person]) -> Iterator[list[Any]]:
    """The people list as a table to download: a header row, then one row a person."""
    yield [
        _("Preferred name"),
        _("Full name"),
        _("Pronouns"),
        _("Email address"),
        _("Phone number"),
        _("Best way to get in touch"),
        _("Preferred language"),
        _("Access needs"),
        _("How they would like to be recognised"),
        _("Signs in"),
        _("Added on"),
    ]
    for person in people.iterator(chunk_size=2000):
        yield [
            person.preferred_name,
            person.full_name,
            person.pronouns,
            person.email,
            person.phone,
            person.get_contact_preference_display(),
            person.preferred_language,
            "; ".join(str(need.get_kind_display()) for need in person.access_needs.all()),
            person.get_recognition_preference_display(),
            _("Yes") if person.user_id else _("No"),
            person.created_at.date().isoformat(),
        ]


def wants_easy_read(person: Person) -> bool:
    """Whether the person's access needs include easy read: their pages open in it."""
    return person.access_needs.filter(kind=AccessNeedKind.EASY_READ).exists()


def easy_read_chosen(request: HttpRequest, person: Person, *, by_default: bool) -> bool:
    """Whether a page about a person is shown in easy read: as asked (`?version=easy` or
    `=full`), otherwise, where `by_default` (their own page, or a copy to give them),
    when their access needs include easy read."""
    version = request.GET.get("version", "")
    if version in ("easy", "full"):
        return version == "easy"
    return by_default and wants_easy_read(person)


def user_wants_easy_read(user: User | AnonymousUser) -> bool:
    """Whether a signed-in person asked for easy read in any of their records."""
    if not isinstance(user, User):
        return False
    # From their records, which are few, rather than from everyone who needs easy read:
    # SQLite would otherwise walk the access-needs index by kind (5 ms at national scale).
    records = Person.objects.filter(user=user, erased_at__isnull=True).values_list("pk", flat=True)
    return AccessNeed.objects.filter(
        person_id__in=list(records), kind=AccessNeedKind.EASY_READ
    ).exists()
