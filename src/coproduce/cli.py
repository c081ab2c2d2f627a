"""The `coproduce` command: product commands plus `coproduce manage ...` for Django's own."""

from __future__ import annotations

import os
import sys

USAGE = """usage: coproduce COMMAND [options]

  demo [--no-serve]            load the demo data and serve it on http://127.0.0.1:8000
  serve [--host H] [--port P]  serve Coproduce with gunicorn
  token create --user EMAIL    create an API token (printed on the last line)
  token revoke PREFIX          stop a token from working
  frameworks sync              load changed framework packs as new versions
  evidence compare FILE --periods A B [--format json|table]
                               compare two periods' figures in a CSV or XLSX file
  backup [--to PATH] [--verify] back up the database with a manifest; --verify restores
                               it into a scratch database and compares
  backup --verify --file FILE  prove an existing backup
  restore FILE [--yes]         replace the database with a backup
  retention [--dry-run]        clear contact details that retention rules say are due
  generate --scale {small,town,national} [--seed N]
                               fill an empty database with synthetic data
  bench [--json] [--clients N] time the key pages through gunicorn on generated data;
                               --scratch measures writes on a scratch database instead
  check                        is this a fit live site? Django's deploy checks and ours
  upgrade                      after installing a release: migrate, sync frameworks,
                               collect static files, then the deploy checks
  schedule                     run the timed jobs (messages, reminders, digests,
                               statements, retention, backups) until stopped
  manage ...                   run any Django management command

Every command uses the same database as `make demo` unless DATABASE_URL says otherwise.
"""


def main(argv: list[str] | None = None) -> None:
    """Run a coproduce command."""
    args = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coproduce.settings")
    if not args or args[0] in {"-h", "--help", "help"}:
        print(USAGE)
        return
    from django.core.management import execute_from_command_line

    if args[0] == "manage":
        execute_from_command_line(["coproduce manage", *args[1:]])
    elif args[0] == "check":
        # The deploy checks, and warnings count: a live site should have none.
        execute_from_command_line(
            ["coproduce", "check", "--deploy", "--fail-level", "WARNING", *args[1:]]
        )
    else:
        # Product commands are Django management commands of the same name.
        execute_from_command_line(["coproduce", *args])


if __name__ == "__main__":
    main()
