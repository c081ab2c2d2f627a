"""Deploy checks for running a live site (`coproduce check`): HTTPS, a proxy that says
who each client is, and backups somewhere that exists and recent ones in it. Django's
own deploy checks and core's (email, a shared cache) run beside these."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register

from coproduce.operations.backup import newest_backup_age

DAY = 24 * 60 * 60


@register(Tags.security, deploy=True)
def served_over_https(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    if settings.DEBUG or settings.HTTPS:
        return []
    return [
        Error(
            "The site is not set up for HTTPS: sign-in cookies would travel in clear.",
            hint="Put nginx with a certificate in front (docs/deploy.md) and set "
            "COPRODUCE_HTTPS=true.",
            id="coproduce.E002",
        )
    ]


@register(Tags.security, deploy=True)
def clients_are_told_apart(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    if (
        settings.DEBUG
        or settings.ALLAUTH_TRUSTED_PROXY_COUNT
        or (settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER)
    ):
        return []
    return [
        Warning(
            "No proxy is trusted to say who each client is: behind nginx every visitor "
            "shares one limit on sign-in attempts, and one person's guesses lock out all.",
            hint="Behind the shipped nginx, set COPRODUCE_TRUSTED_PROXY_COUNT=1.",
            id="coproduce.W002",
        )
    ]


@register(deploy=True)
def backups_are_kept(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    if settings.DEBUG:
        return []
    folder = Path(settings.COPRODUCE_BACKUP_DIR)
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        return [
            Error(
                f"The backup folder {folder} does not exist or cannot be written to.",
                hint="Make it (owned by the user the site runs as), or set "
                "COPRODUCE_BACKUP_DIR to one that is.",
                id="coproduce.E003",
            )
        ]
    age = newest_backup_age(folder)
    if age is None or age > 2 * DAY:
        return [
            Warning(
                f"There is no backup from the last two days in {folder}.",
                hint="Run `coproduce schedule` (or the backup timer in deploy/systemd) "
                "and copy the folder off the machine.",
                id="coproduce.W003",
            )
        ]
    return []
