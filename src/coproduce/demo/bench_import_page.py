"""The bench's file of people, uploaded and matched, so the page bench can measure the
page that checks every row before an import (issue 23). `bench_people` times the import
itself."""

from __future__ import annotations

from typing import Any

# A coordinator's larger list of people to bring in: a few hundred rows, some of them
# people the organisation already knows.
IMPORT_ROWS = 500
IMPORT_FILE = "coproduce-bench-people.csv"


def import_checking(org_slug: str) -> int | None:
    """The bench's file of people, waiting to be checked and imported (`bench_login`)."""
    from coproduce.people.models import ImportStep, PeopleImport

    return (
        PeopleImport.objects.filter(
            organisation__slug=org_slug, filename=IMPORT_FILE, step=ImportStep.CHECKING
        )
        .values_list("pk", flat=True)
        .first()
    )


def import_started(org_slug: str, user: Any) -> None:
    """Upload the bench's file of people and match its columns, as a coordinator would
    before the page that checks every row."""
    from coproduce.core.models import Organisation
    from coproduce.people import import_services
    from coproduce.people.models import Person

    if import_checking(org_slug) is not None:
        return
    organisation = Organisation.objects.get(slug=org_slug)
    known = list(
        Person.objects.filter(organisation=organisation)
        .exclude(email="")
        .order_by("pk")
        .values_list("full_name", "email")[: IMPORT_ROWS // 10]
    )
    rows = ["Full name,E-mail,Mobile,Contact by,Access needs"]
    rows += [f'"{name}",{email},,email,' for name, email in known]
    for n in range(IMPORT_ROWS - len(known)):
        rows.append(f"Bench Person {n},bench.person.{n}@example.org,07700 9{n:05d},text,")
    batch = import_services.import_start(
        organisation=organisation,
        by=user,
        filename=IMPORT_FILE,
        data="\n".join(rows).encode(),
    )
    import_services.import_match(batch=batch, by=user, columns=batch.columns)
