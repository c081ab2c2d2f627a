"""Reads made once per worker (issue 23): the same rows as the queryset they are made
from, whatever values they are given, on SQLite and PostgreSQL alike."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Count, Sum
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coproduce.core.prepared import Prepared
from coproduce.people.models import Person
from coproduce.sessions.models import Session
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _sessions(organisation: int, kind: str, since: datetime.datetime, day: datetime.date):
    return (
        Session.objects.filter(
            organisation_id=organisation, kind=kind, starts_at__gte=since, starts_at__date__lt=day
        )
        .values("kind")
        .annotate(n=Count("pk"), hours=Sum("hours"))
        .order_by("kind")
    )


def _made(organisation, kind, starts_at, hours):
    return Session.objects.create(
        organisation=organisation, title="Panel", kind=kind, starts_at=starts_at, hours=hours
    )


def test_a_prepared_read_gives_what_its_queryset_gives_for_any_values():
    first, second = OrganisationFactory(), OrganisationFactory()
    now = timezone.now().replace(microsecond=0)
    _made(first, "forum", now - datetime.timedelta(days=3), Decimal("2"))
    _made(first, "forum", now - datetime.timedelta(days=40), Decimal("1.5"))
    _made(first, "panel", now - datetime.timedelta(days=3), Decimal("3"))
    _made(second, "forum", now - datetime.timedelta(days=3), Decimal("4.25"))
    read = Prepared(Session, _sessions, organisation=int, kind=str, since=datetime.datetime,
                    day=datetime.date)  # fmt: skip
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    for organisation, kind, days in [
        (first, "forum", 10),
        (first, "forum", 60),
        (first, "panel", 10),
        (second, "forum", 10),
        (second, "panel", 10),
    ]:
        values = {
            "organisation": organisation.pk,
            "kind": kind,
            "since": now - datetime.timedelta(days=days),
            "day": tomorrow,
        }
        assert read(**values) == list(_sessions(**values))
    two = read(organisation=first.pk, kind="forum", since=now - datetime.timedelta(days=60),
               day=tomorrow)  # fmt: skip
    # Django's own conversions apply: the hours are decimals on SQLite too.
    assert two == [{"kind": "forum", "n": 2, "hours": Decimal("3.5")}]
    assert read(organisation=first.pk, kind="forum", since=now, day=tomorrow) == []


def test_a_prepared_read_is_one_query_through_django():
    organisation = OrganisationFactory()
    PersonFactory(organisation=organisation, preferred_name="Ade")
    read = Prepared(
        Person,
        lambda organisation: Person.objects.filter(organisation_id=organisation).values(
            "preferred_name"
        ),
        organisation=int,
    )
    read(organisation=organisation.pk)  # made
    with CaptureQueriesContext(connection) as asked:
        assert read(organisation=organisation.pk) == [{"preferred_name": "Ade"}]
        assert read(organisation=organisation.pk + 1) == []
    assert len(asked) == 2


def test_values_that_would_change_the_sql_are_refused():
    organisation = OrganisationFactory()
    with pytest.raises(TypeError, match="takes int, str, date, datetime, list"):
        Prepared(Person, lambda ids: Person.objects.filter(pk__in=ids).values("pk"), ids=tuple)
    # Text inside a pattern is not a plain value: Django wraps it in wildcards.
    like = Prepared(
        Person, lambda name: Person.objects.filter(preferred_name__icontains=name).values("pk"),
        name=str,
    )  # fmt: skip
    with pytest.raises(ValueError, match="does not use 'name' as a plain value"):
        like(name="Ade")
    flat = Prepared(
        Person,
        lambda organisation: Person.objects.filter(organisation_id=organisation).values_list("pk"),
        organisation=int,
    )
    with pytest.raises(TypeError, match=r"records or a \.values\(\) one"):
        flat(organisation=organisation.pk)
    fetched = Prepared(
        Person,
        lambda organisation: Person.objects.filter(organisation_id=organisation).prefetch_related(
            "access_needs"
        ),
        organisation=int,
    )
    with pytest.raises(TypeError, match="cannot prefetch"):
        fetched(organisation=organisation.pk)
    read = Prepared(Session, _sessions, organisation=int, kind=str, since=datetime.datetime,
                    day=datetime.date)  # fmt: skip
    with pytest.raises(TypeError, match="given"):
        read(organisation=organisation.pk, kind="forum")
    with pytest.raises(TypeError, match="'day' must be date"):
        read(organisation=organisation.pk, kind="forum", since=timezone.now(), day=timezone.now())
    with pytest.raises(ValueError, match="time zone"):
        read(organisation=organisation.pk, kind="forum", since=datetime.datetime(2026, 1, 1),
             day=datetime.date(2026, 1, 2))  # fmt: skip


def _soon(organisation: int, since: datetime.datetime):
    return (
        Session.objects.filter(organisation_id=organisation, starts_at__gte=since)
        .select_related("organisation", "initiative")
        .annotate(invited=Count("invitees"))
        .order_by("starts_at")[:2]
    )


def test_a_prepared_read_of_records_gives_them_with_their_related_records_and_figures():
    organisation = OrganisationFactory(name="Acme")
    now = timezone.now()
    sessions = [
        _made(organisation, "forum", now + datetime.timedelta(days=n), Decimal("2"))
        for n in (3, 1, 2)
    ]
    sessions[1].invitees.add(PersonFactory(organisation=organisation))
    read = Prepared(Session, _soon, organisation=int, since=datetime.datetime)
    expected = list(_soon(organisation.pk, now))
    found = read(organisation=organisation.pk, since=now)
    assert [s.pk for s in found] == [sessions[1].pk, sessions[2].pk] == [s.pk for s in expected]
    assert [s.invited for s in found] == [1, 0]
    assert [s.starts_at for s in found] == [s.starts_at for s in expected]
    with CaptureQueriesContext(connection) as asked:
        assert found[0].organisation.name == "Acme"
        assert found[0].initiative is None
    assert len(asked) == 0
    assert found[0] == sessions[1]
    assert found[0]._state.db == "default"
    assert not found[0]._state.adding


def test_a_number_too_large_for_the_database_is_refused_and_an_assessment_is_not_found(cast):
    """A number past 64 bits went straight to the database, which failed on it; the
    assessment pages answer 404 for such an address, as for any unknown one."""
    from django.http import Http404

    from coproduce.assessments.queries import assessment_in

    read = Prepared(
        Person, lambda pk: Person.objects.filter(pk=pk).values("pk"), pk=int
    )  # fmt: skip
    with pytest.raises(OverflowError, match="too large"):
        read(pk=2**63)
    with pytest.raises(TypeError, match="must be int"):
        read(pk="1")
    for pk in (2**63, 2**70, "x", 0):
        with pytest.raises(Http404):
            assessment_in(organisation=cast.org, pk=pk)


def test_a_list_of_numbers_is_made_once_for_each_length_and_an_empty_one_finds_nothing():
    first, second, third = (OrganisationFactory() for _ in range(3))
    for organisation, name in ((first, "Ade"), (second, "Bex"), (third, "Cy")):
        PersonFactory(organisation=organisation, preferred_name=name)

    def among(ids: list[int], not_in: list[int]):
        return (
            Person.objects.filter(organisation_id__in=ids)
            .exclude(organisation_id__in=not_in)
            .values("preferred_name")
            .order_by("preferred_name")
        )

    read = Prepared(Person, among, ids=list, not_in=list)
    for ids, not_in in [
        ([first.pk], []),
        ([first.pk, second.pk], [second.pk]),
        ([third.pk, first.pk, third.pk], []),  # each once, as Django takes them
        ([], [first.pk]),
        ([first.pk, second.pk, third.pk], [first.pk, third.pk]),
        ([second.pk, third.pk], [first.pk, third.pk]),
    ]:
        assert read(ids=ids, not_in=not_in) == list(among(ids, not_in)), (ids, not_in)
    assert read(ids=[first.pk, second.pk], not_in=[]) == [
        {"preferred_name": "Ade"},
        {"preferred_name": "Bex"},
    ]
    with CaptureQueriesContext(connection) as asked:
        assert read(ids=[], not_in=[]) == []
    assert len(asked) == 0
    with pytest.raises(TypeError, match="list of whole numbers"):
        read(ids=["1"], not_in=[])
    with pytest.raises(OverflowError):
        read(ids=[2**64], not_in=[])
