"""Reads from a PostgreSQL read replica, when one is configured.

Set DATABASE_REPLICA_URL and pages read from the replica; every write, every read
inside a transaction, and everything in a request that changes data (POST, PUT,
PATCH, DELETE) stays on the primary, so nobody reads back an older copy of what they
just saved. Sign-in state (sessions, logins, two-step keys, API tokens) is always
read from the primary: a replica a moment behind must never sign anyone out.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.db import connections
from django.http import HttpRequest, HttpResponse

PRIMARY = "default"
REPLICA = "replica"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Apps whose rows decide who someone is; read where they were written.
PRIMARY_ONLY_APPS = frozenset({"sessions", "auth", "mfa", "account", "contenttypes"})
PRIMARY_ONLY_MODELS = frozenset({"core.apitoken", "core.membership"})

_pinned: ContextVar[bool] = ContextVar("coproduce_pinned_to_primary", default=False)


class ReplicaRouter:
    def db_for_read(self, model: type[Any], **hints: Any) -> str:
        if _pinned.get() or connections[PRIMARY].in_atomic_block:
            return PRIMARY
        meta = model._meta
        if meta.app_label in PRIMARY_ONLY_APPS or meta.label_lower in PRIMARY_ONLY_MODELS:
            return PRIMARY
        return REPLICA

    def db_for_write(self, model: type[Any], **hints: Any) -> str:
        return PRIMARY

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        # The replica is a copy of the primary: their rows are the same rows.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == PRIMARY


class PinWritesToPrimaryMiddleware:
    """A request that changes data reads from the primary from start to end, and so does
    everything the same browser asks for in the next few seconds (the page it is
    redirected to, say), by which time the replica has caught up."""

    COOKIE = "coproduce_primary_until"
    SECONDS = 5

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        writes = request.method not in SAFE_METHODS
        token = _pinned.set(writes or self._recently_wrote(request))
        try:
            response = self.get_response(request)
        finally:
            _pinned.reset(token)
        if writes:
            response.set_cookie(
                self.COOKIE,
                str(int(time.time()) + self.SECONDS),
                max_age=self.SECONDS,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response

    def _recently_wrote(self, request: HttpRequest) -> bool:
        try:
            return int(request.COOKIES.get(self.COOKIE, "0")) >= time.time()
        except ValueError:
            return False
