"""How allauth counts failed sign-ins here, so that nobody can lock someone else out.

allauth limits failed sign-ins per address and per account. Counted per account alone,
five wrong guesses from anyone lock the real person out too. Here the tight limit
counts guesses at one account from one client; a looser limit on the account across
every client still stops guessing spread over many addresses. A password reset clears
both for the person who proved they hold the account.
"""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal import ratelimit
from django.http import HttpRequest

ACCOUNT_WIDE = "login_failed_account"


def _account(**credentials: Any) -> str:
    return str(credentials.get("email", credentials.get("username", ""))).lower()


class AccountAdapter(DefaultAccountAdapter):
    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        account = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{account}:{ratelimit.get_ip(request)}"

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        super().pre_authenticate(request, **credentials)
        self._account_wide_usage = ratelimit.consume(
            request, app="allauth.account", action=ACCOUNT_WIDE, key=_account(**credentials)
        )
        if not self._account_wide_usage:
            self._rollback_login_failed_rl_usage()
            raise self.validation_error("too_many_login_attempts")

    def _rollback_login_failed_rl_usage(self) -> None:
        super()._rollback_login_failed_rl_usage()
        usage = getattr(self, "_account_wide_usage", None)
        if usage:
            usage.rollback()

    def _delete_login_attempts_cached_email(self, request: HttpRequest, **credentials: Any) -> None:
        super()._delete_login_attempts_cached_email(request, **credentials)
        ratelimit.clear(
            request, app="allauth.account", action=ACCOUNT_WIDE, key=_account(**credentials)
        )
