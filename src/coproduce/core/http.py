"""The request type for pages and API operations that only a signed-in person reaches."""

from django.http import HttpRequest

from coproduce.core.models import User


class AuthedRequest(HttpRequest):
    """A request let through by `login_required` or the API's bearer token.

    Views take it instead of `HttpRequest` so that `request.user` is typed as the
    acting `User` that every service asks for (`by: User`).
    """

    user: User
