"""Create, list or revoke API tokens."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from coproduce.core.models import ApiToken, Organisation, User
from coproduce.core.services import api_token_create, api_token_revoke


class Command(BaseCommand):
    help = "Create (token create --user EMAIL), list or revoke API tokens."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser(
            "create", help="Create a token; it is printed once, on the last line."
        )
        create.add_argument("--user", required=True, help="The email address of the account.")
        create.add_argument("--name", default="API token", help="A name to recognise it by.")
        create.add_argument(
            "--org", default="", help="The slug of the one organisation it is for (default: all)."
        )
        create.add_argument(
            "--read-only", action="store_true", help="It may read but not change anything."
        )
        create.add_argument(
            "--days", type=int, default=90, choices=[30, 90, 365], help="How long it works."
        )
        listing = sub.add_parser("list", help="List a user's tokens.")
        listing.add_argument("--user", required=True)
        revoke = sub.add_parser("revoke", help="Stop a token from working.")
        revoke.add_argument("prefix", help="The token's prefix, as shown by `token list`.")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "revoke":
            token = ApiToken.objects.active().filter(prefix=options["prefix"]).first()
            if token is None:
                raise CommandError(f"No active token with prefix {options['prefix']!r}.")
            api_token_revoke(api_token=token)
            self.stdout.write(f"Revoked token {token.prefix} ({token.name}).")
            return
        user = User.objects.filter(email__iexact=options["user"]).first()
        if user is None:
            raise CommandError(f"No account with the email address {options['user']!r}.")
        if action == "list":
            for token in user.api_tokens.order_by("created_at"):
                state = (
                    "revoked" if token.revoked_at else "active" if token.is_active else "expired"
                )
                self.stdout.write(
                    f"{token.prefix}  {state}  {token.name}  {token.created_at:%Y-%m-%d}"
                    f"  until {token.expires_at:%Y-%m-%d}"
                )
            return
        organisation = None
        if options["org"]:
            organisation = Organisation.objects.filter(slug=options["org"]).first()
            if organisation is None:
                raise CommandError(f"No organisation with the slug {options['org']!r}.")
        try:
            issued = api_token_create(
                user=user,
                name=options["name"],
                organisation=organisation,
                write=not options["read_only"],
                days=options["days"],
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            f"Created token {issued.api_token.prefix} for {user.email}. It is shown once:"
        )
        self.stdout.write(issued.token)
