"""Errors shared by every app's services."""

from django.core.exceptions import ValidationError

CONFLICT = "conflict"


def conflict(field: str, message: str) -> ValidationError:
    """A ValidationError for a rule that depends on a record's current state.

    Pages show it like any form error; the API answers it with 409 instead of 422,
    because the request itself was well formed.
    """
    return ValidationError({field: ValidationError(message, code=CONFLICT)})


def status_for(error: ValidationError) -> int:
    """The HTTP status a page answers a service's refusal with: 409 when every problem
    is a conflict with the records' current state, 400 otherwise."""
    problems = [e for errors in getattr(error, "error_dict", {}).values() for e in errors]
    return 409 if problems and all(e.code == CONFLICT for e in problems) else 400
