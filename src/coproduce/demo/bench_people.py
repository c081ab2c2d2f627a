"""`coproduce bench --scratch`: the people import at size (a CSV of N people, each step
timed as the pages run it)."""

from __future__ import annotations

import csv
import io
import resource
import time
from typing import Any

from coproduce.core.models import Organisation, OrganisationKind, User
from coproduce.people import import_services
from coproduce.people.import_queries import import_check


def measure_people_import(rows: int) -> dict[str, Any]:
    organisation = Organisation.objects.create(
        name="Bench import", slug="bench-import", kind=OrganisationKind.COUNCIL
    )
    user = User.objects.create_user(email="bench-import@example.org", password=None)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Full name", "Email", "Mobile", "Contact by", "Access needs"])
    for n in range(rows):
        need = "Easy read" if n % 7 == 0 else ""
        writer.writerow([f"Person {n}", f"p{n}@example.org", f"07700 {n:06}", "Email", need])
    data = buffer.getvalue().encode()
    started = time.perf_counter()
    batch = import_services.import_start(
        organisation=organisation, by=user, filename="people.csv", data=data
    )
    read = time.perf_counter()
    import_services.import_match(batch=batch, by=user, columns=batch.columns)
    checked = import_check(batch)
    check = time.perf_counter()
    report = import_services.import_run(batch=batch, by=user, choices={})
    done = time.perf_counter()
    if report["added"] != rows or checked.problems:
        raise RuntimeError(f"people import bench: {report}, {len(checked.problems)} problems")
    return {
        f"people import: {rows} rows, file MB": round(len(data) / 1e6, 1),
        "people import: read and keep the file, s": round(read - started, 1),
        "people import: match and check every row, s": round(check - read, 1),
        "people import: import all at once, s": round(done - check, 1),
        "people import: peak memory of the process, MB": round(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        ),
    }
