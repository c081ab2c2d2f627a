"""Send admins and coordinators to set up two-step sign-in before anything else."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control

from coproduce.core.tenancy import mfa_required, must_set_up_mfa

_ALLOWED_PREFIXES = ("/accounts/", "/static/", "/healthz", "/livez", "/readyz", "/metrics", "/api/")
_SESSION_FLAG = "coproduce_mfa_ok"


class RequireMfaMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._must_set_up(request):
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    def _must_set_up(self, request: HttpRequest) -> bool:
        if not settings.COPRODUCE_REQUIRE_MFA or not request.user.is_authenticated:
            return False
        if request.path.startswith(_ALLOWED_PREFIXES) or request.session.get(_SESSION_FLAG):
            return False
        if not mfa_required(request.user):
            return False
        if must_set_up_mfa(request.user):
            return True
        request.session[_SESSION_FLAG] = True
        return False


class PrivateByDefaultMiddleware:
    """What a signed-in person sees is kept out of shared caches and off the disk
    (the back button on a library computer), unless a page has said otherwise."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response
