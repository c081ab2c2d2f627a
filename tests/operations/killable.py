"""A child process for the kill tests: does one job inside a transaction, says so on
stdout, and then either commits or waits to be killed before committing.

Usage: python killable.py JOB ORG_SLUG (commit|wait) [FILE]
"""

import os
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coproduce.settings")
django.setup()

from django.db import transaction  # noqa: E402

from coproduce.core.models import Organisation  # noqa: E402


def main() -> None:
    job, slug, ending = sys.argv[1:4]
    organisation = Organisation.objects.get(slug=slug)
    with transaction.atomic():
        if job == "attendance":
            from coproduce.sessions.import_services import attendance_import

            with open(sys.argv[4], "rb") as handle:
                report = attendance_import(organisation=organisation, by=None, data=handle.read())
            assert not report.errors, report.errors[:3]
            print(f"imported {report.saved}", flush=True)
        elif job == "payment-run":
            from coproduce.recognition.services import payment_run_create, payment_run_mark_paid

            run = payment_run_create(organisation=organisation, by=None)
            payment_run_mark_paid(run=run, by=None)
            print(f"paid run {run.pk}", flush=True)
        if ending == "wait":
            time.sleep(120)  # killed here, before the transaction commits


main()
