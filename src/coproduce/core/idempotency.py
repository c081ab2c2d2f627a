"""Every API create can be retried safely: send an `Idempotency-Key` header and a repeat
of the same request gets the first answer back (with `Idempotent-Replayed: true`), not a
second record; the same key with a different request is refused with 409.

The ledger's own operations keep their stronger guarantee (keys per organisation, checked
inside the posting itself) and are left to it."""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Callable

from django.core.exceptions import RequestDataTooBig
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from coproduce.core.api import problem_response
from coproduce.core.models import IdempotentRequest, User
from coproduce.core.services import api_token_authenticate

HEADER = "Idempotency-Key"
KEPT_FOR = datetime.timedelta(hours=24)
_KEY = re.compile(r"^[\x21-\x7e]{1,100}$")


def _bearer_user(request: HttpRequest) -> User | None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token or len(token) > 200:
        return None
    api_token = api_token_authenticate(token.strip())
    return api_token.user if api_token is not None else None


def _replay(record: IdempotentRequest) -> HttpResponse:
    response = HttpResponse(bytes(record.body), status=record.status)
    response["Content-Type"] = record.content_type
    response["Idempotent-Replayed"] = "true"
    return response


class IdempotencyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = request.headers.get(HEADER)
        if (
            key is None
            or request.method != "POST"
            or not request.path.startswith("/api/v1/")
            or "/ledger/" in request.path
        ):
            return self.get_response(request)
        if not _KEY.match(key):
            return problem_response(
                422,
                "Some of the data is not valid",
                "Idempotency-Key: send 1 to 100 visible ASCII characters.",
                [
                    {
                        "field": HEADER,
                        "location": "header",
                        "message": "1 to 100 visible ASCII characters.",
                    }
                ],
            )
        user = _bearer_user(request)
        if user is None:
            return self.get_response(request)
        try:
            body = request.body
        except RequestDataTooBig:
            return self.get_response(request)  # the API answers 413 itself
        fingerprint = hashlib.sha256(
            b"\n".join([request.method.encode(), request.path.encode(), body])
        ).hexdigest()
        # Answers are kept for a day: long enough for any retry, and no longer, since
        # they can name people.
        IdempotentRequest.objects.filter(created_at__lt=timezone.now() - KEPT_FOR).delete()
        try:
            # The create and the record of its answer commit together, or neither does.
            with transaction.atomic():
                found = IdempotentRequest.objects.filter(user=user, key=key).first()
                if found is not None:
                    return self._answer_again(found, fingerprint)
                response = self.get_response(request)
                if 200 <= response.status_code < 300 and not response.streaming:
                    IdempotentRequest.objects.create(
                        user=user,
                        key=key,
                        fingerprint=fingerprint,
                        status=response.status_code,
                        content_type=response.get("Content-Type", "application/json"),
                        body=response.content,
                    )
                return response
        except IntegrityError:
            # The same key arrived twice at once: the first one won, and its work stands.
            found = IdempotentRequest.objects.filter(user=user, key=key).first()
            if found is None:
                raise
            return self._answer_again(found, fingerprint)

    @staticmethod
    def _answer_again(found: IdempotentRequest, fingerprint: str) -> HttpResponse:
        if found.fingerprint != fingerprint:
            return problem_response(
                409,
                "The request conflicts with the record as it is now",
                "Idempotency-Key: this key was already used for a different request. Use a new key.",
                [
                    {
                        "field": HEADER,
                        "location": "header",
                        "message": "Already used for a different request.",
                    }
                ],
            )
        return _replay(found)
