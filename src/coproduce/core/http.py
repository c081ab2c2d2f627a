"""The request type for pages and API operations that only a signed-in person reaches."""

from django.http import HttpRequest

from coproduce.core.models import User


class AuthedRequest(HttpRequest):
    """A request let through by `login_required` or the API's bearer token.

    Views take it instead of `HttpRequest` so that `request.user` is typed as the
    acting `User` that every service asks for (`by: User`).
    """

    user: User


def device_of(request: HttpRequest, salt: str) -> str:
    """A short keyed hash of the client's address and browser, for telling repeat answers
    apart without keeping anyone's address. The address is read as the sign-in limits
    read it (COPRODUCE_CLIENT_IP_HEADER behind a proxy)."""
    from allauth.core.internal.httpkit import get_client_ip
    from django.utils.crypto import salted_hmac

    seen = f"{get_client_ip(request) or ''}|{request.headers.get('User-Agent', '')[:300]}"
    return salted_hmac(f"coproduce.device.{salt}", seen).hexdigest()[:16]
