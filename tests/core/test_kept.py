"""Results kept per version of what they read (`core.kept`)."""

import pytest
from cachetools import TTLCache
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction

from coproduce.core import kept

pytestmark = pytest.mark.django_db


class Counter:
    """Makes a result and counts how often it was asked to."""

    def __init__(self):
        self.made = 0

    def __call__(self):
        self.made += 1
        return f"result {self.made}"


def test_a_result_is_made_once_per_question_and_version():
    make = Counter()
    assert kept.kept("things", "list", (1, "a"), make) == "result 1"
    assert kept.kept("things", "list", (1, "a"), make) == "result 1"
    assert make.made == 1
    # Another question, or another kind of result, is its own.
    assert kept.kept("things", "list", (2, "a"), make) == "result 2"
    assert kept.kept("things", "count", (1, "a"), make) == "result 3"
    assert make.made == 3


def test_a_change_starts_afresh():
    make = Counter()
    kept.kept("things", "list", (), make)
    kept.changed("things")
    assert kept.kept("things", "list", (), make) == "result 2"
    # Other names are not touched.
    other = Counter()
    kept.kept("others", "list", (), other)
    kept.changed("things")
    kept.kept("others", "list", (), other)
    assert other.made == 1


def test_a_change_made_while_a_result_was_worked_out_is_not_hidden_by_it():
    made = []

    def make_while_someone_changes_things():
        made.append(1)
        if len(made) == 1:
            kept.changed("things")  # another worker saves while this one reads
        return len(made)

    assert kept.kept("things", "list", (), make_while_someone_changes_things) == 1
    # Kept under the version read before the change, so it is not served again.
    assert kept.kept("things", "list", (), make_while_someone_changes_things) == 2


def test_a_lost_version_only_means_working_things_out_again():
    make = Counter()
    kept.kept("things", "list", (), make)
    before = kept.version("things")
    cache.delete("version:things")  # the shared cache was cleared
    assert kept.kept("things", "list", (), make) == "result 2"
    assert kept.version("things") > before


def test_a_request_reads_each_version_once_and_sees_its_own_changes():
    # As Django's test client does: the request's start and end must not close the
    # test's database.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    request_started.send(sender=None)
    try:
        seen = kept.version("things")
        cache.set("version:things", seen + 1, None)  # another worker's change, mid-request
        assert kept.version("things") == seen
        kept.changed("things")  # this request's own change
        own = kept.version("things")
        assert own not in (seen, seen + 1)
    finally:
        request_finished.send(sender=None)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    # The next request reads the shared version again.
    assert kept.version("things") == int(cache.get("version:things"))


def test_a_change_starts_afresh_again_when_it_is_committed(django_capture_on_commit_callbacks):
    make = Counter()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        kept.changed("things")
        # Another worker works the result out before the change is committed: it reads
        # the records as they were.
        kept.kept("things", "list", (), make)
    assert kept.kept("things", "list", (), make) == "result 2"


def test_a_shared_result_is_the_one_object_for_every_caller_and_a_copy_is_not(monkeypatch):
    def make():
        return [{"row": 1}]

    copies = [kept.remembered("rows", (7,), make) for _ in range(2)]
    assert copies[0] == copies[1]
    assert copies[0] is not copies[1]
    shared = [kept.remembered("rows", (7,), make, shared=True) for _ in range(2)]
    assert shared[0] is shared[1]
    assert kept.remembered("rows", (8,), make, shared=True) is not shared[0]
    # Kept for KEPT_SECONDS at most, then made again.
    clock = [0.0]
    store = kept._shared
    monkeypatch.setattr(
        kept, "_shared", TTLCache(maxsize=store.maxsize, ttl=store.ttl, timer=lambda: clock[0])
    )
    first = kept.remembered("rows", (7,), make, shared=True)
    clock[0] = kept.KEPT_SECONDS - 1
    assert kept.remembered("rows", (7,), make, shared=True) is first
    clock[0] = kept.KEPT_SECONDS + 1
    assert kept.remembered("rows", (7,), make, shared=True) is not first
