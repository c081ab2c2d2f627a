"""`coproduce org create`: set up an organisation and its first admin (for operators)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse

from coproduce.core.models import Organisation, OrganisationKind
from coproduce.core.services import invitation_send
from coproduce.core.setup import organisation_set_up


class Command(BaseCommand):
    help = "Set up an organisation: org create --name N --kind K --admin EMAIL [--network SLUG]"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Set up an organisation with its first admin.")
        create.add_argument("--name", required=True)
        create.add_argument("--kind", required=True, choices=OrganisationKind.values)
        create.add_argument(
            "--admin", required=True, help="Their email: given the role, or invited if new."
        )
        create.add_argument("--place", default="", help="Where it works.")
        create.add_argument("--network", default="", help="The slug of a network it joins.")

    def handle(self, *args: Any, **options: Any) -> None:
        network = None
        if options["network"]:
            network = Organisation.objects.filter(slug=options["network"]).first()
            if network is None:
                raise CommandError(f"No network with the slug {options['network']!r}.")
        try:
            made = organisation_set_up(
                name=options["name"],
                kind=options["kind"],
                admin_email=options["admin"],
                place=options["place"],
                network=network,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        organisation = made.organisation
        self.stdout.write(f"Set up {organisation.name} at /orgs/{organisation.slug}/.")
        if made.admin is not None:
            self.stdout.write(f"{made.admin.email} is its admin.")
        elif made.invitation is not None:
            site = settings.COPRODUCE_SITE_URL
            path = reverse("core:invitation-accept", kwargs={"token": made.invitation.token})
            invitation_send(issued=made.invitation, link=f"{site.rstrip('/')}{path}")
            self.stdout.write(
                f"Invited {made.invitation.invitation.email} to be its admin; the link works "
                f"for 14 days: {site.rstrip('/')}{path}"
            )
