"""Errors shared by every app's services."""

from django.core.exceptions import ValidationError

CONFLICT = "conflict"


def conflict(field: str, message: str) -> ValidationError:
    """A ValidationError for a rule that depends on a record's current state.

    Pages show it like any form error; the API answers it with 409 instead of 422,
    because the request itself was well formed.
    """
    return ValidationError({field: ValidationError(message, code=CONFLICT)})
