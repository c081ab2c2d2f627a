"""Results worked out once per change of what they read, and kept.

A *version* names the state of some records: one organisation's evidence, or the
library. It lives in the shared cache, so every worker sees a change at once, and it
changes whenever those records do. What a page works out from them is kept in each
worker's own memory under the version read before the work began, so a change made
while it was being worked out leaves it under a version nobody reads again.

Losing a version (a cache cleared or culled) only means working things out again: a
new version is always one never used before.

A request reads each version once (it is remembered until the request ends, along with
the request's own changes), so a page drawing on several kept results asks the shared
cache once.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar, cast

from cachetools import TTLCache
from django.core.cache import cache, caches
from django.core.signals import request_finished, request_started
from django.db import transaction

T = TypeVar("T")

# How long a worker keeps a result nobody has changed. Memory, not correctness, sets
# this: a change starts afresh at once whatever is kept.
KEPT_SECONDS = 600


class _Request(threading.local):
    # The versions this thread's request has read, or None outside a request.
    read: dict[str, int] | None = None


_request = _Request()


def _begin(**kwargs: Any) -> None:
    _request.read = {}


def _end(**kwargs: Any) -> None:
    _request.read = None


request_started.connect(_begin, dispatch_uid="kept_request_started")
request_finished.connect(_end, dispatch_uid="kept_request_finished")


def _key(name: str) -> str:
    return f"version:{name}"


def version(name: str) -> int:
    """The current version of `name`, made the first time it is asked for."""
    read = _request.read
    if read is not None and name in read:
        return read[name]
    found = cache.get(_key(name))
    if found is None:
        cache.add(_key(name), time.time_ns(), None)
        found = cache.get(_key(name), time.time_ns())
    if read is not None:
        read[name] = int(found)
    return int(found)


def _start_afresh(name: str) -> None:
    now = time.time_ns()
    cache.set(_key(name), now, None)
    if _request.read is not None:
        _request.read[name] = now


def changed(name: str) -> None:
    """Records under `name` changed: start afresh now, so this request sees its own
    change, and again once the change is committed, so a result worked out from the old
    records in the meantime is never read."""
    _start_afresh(name)
    transaction.on_commit(partial(_start_afresh, name))


def kept(name: str, what: str, parts: tuple[Any, ...], make: Callable[[], T]) -> T:
    """`make()`, or this worker's copy of it from the same version of `name`.
    `parts` are the question's own terms (which coders, which dates): anything `make`
    reads besides the records `name` covers must be among them."""
    return remembered(f"kept:{name}:{version(name)}:{what}", parts, make)


# Results handed out as they are, without a copy (`remembered(..., shared=True)`).
SHARED_KEPT = 200
_shared: TTLCache[str, Any] = TTLCache(maxsize=SHARED_KEPT, ttl=KEPT_SECONDS)
_shared_lock = threading.Lock()
_MISSING = object()


def remembered(
    prefix: str, parts: tuple[Any, ...], make: Callable[[], T], *, shared: bool = False
) -> T:
    """`make()`, or this worker's copy of it from the last `KEPT_SECONDS` for the same
    `prefix` and `parts`. Callers put in `prefix` or `parts` whatever would make an
    older copy wrong (a version, the records counted).

    Each caller gets a copy of its own (Django's memory cache keeps results pickled),
    unless `shared`: then every caller is handed the one result itself, which nobody may
    change. That is for large results read on every visit: a file's 500 cleaned rows
    took 2.9 ms to copy out (issue 23)."""
    question = ":".join(str(part) for part in parts)
    # Hashed: the question may hold spaces and be long, which no cache key may.
    key = f"{prefix}:{hashlib.sha256(question.encode()).hexdigest()}"
    if not shared:
        return cast(T, caches["local"].get_or_set(key, make, KEPT_SECONDS))
    with _shared_lock:
        found = _shared.get(key, _MISSING)
    if found is _MISSING:
        found = make()
        with _shared_lock:
            _shared[key] = found
    return cast(T, found)


def forget_shared() -> None:
    """Drop every shared result (for tests, which start with nothing kept)."""
    with _shared_lock:
        _shared.clear()
