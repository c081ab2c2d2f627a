"""The scheduler (issue 22): when each job is due, that a missed run happens after a
restart, that a run is recorded, and that old backups go while the newest stays."""

import datetime
import json
import os
from pathlib import Path

from coproduce.operations.backup import backups_prune
from coproduce.operations.schedule import Job, due, jobs, run_due

UTC = datetime.UTC
WEDNESDAY = datetime.datetime(2026, 12, 9, 10, 7, tzinfo=UTC)


def by_name() -> dict[str, Job]:
    return {job.name: job for job in jobs(keep_days=30)}


def test_each_job_knows_when_it_was_last_due() -> None:
    planned = by_name()
    assert planned["messages"].last_due(WEDNESDAY) == WEDNESDAY.replace(minute=5)
    assert planned["reminders"].last_due(WEDNESDAY) == WEDNESDAY.replace(minute=0)
    assert planned["backup"].last_due(WEDNESDAY) == datetime.datetime(
        2026, 12, 9, 2, 15, tzinfo=UTC
    )
    early = WEDNESDAY.replace(hour=1)
    assert planned["backup"].last_due(early) == datetime.datetime(2026, 12, 8, 2, 15, tzinfo=UTC)
    # The digest on Monday at 8, the statements on the 2nd at 9 (last month's, before then).
    assert planned["digest"].last_due(WEDNESDAY) == datetime.datetime(2026, 12, 7, 8, tzinfo=UTC)
    monday_early = datetime.datetime(2026, 12, 7, 7, tzinfo=UTC)
    assert planned["digest"].last_due(monday_early) == datetime.datetime(
        2026, 11, 30, 8, tzinfo=UTC
    )
    assert planned["statements"].last_due(WEDNESDAY) == datetime.datetime(
        2026, 12, 2, 9, tzinfo=UTC
    )
    first = datetime.datetime(2027, 1, 1, 12, tzinfo=UTC)
    assert planned["statements"].last_due(first) == datetime.datetime(2026, 12, 2, 9, tzinfo=UTC)


def test_what_ran_since_it_was_due_waits_and_a_missed_run_happens() -> None:
    planned = list(by_name().values())
    assert {job.name for job in due(planned, {}, WEDNESDAY)} == set(by_name())
    ran = {job.name: WEDNESDAY.isoformat() for job in planned}
    assert due(planned, ran, WEDNESDAY + datetime.timedelta(minutes=2)) == []
    later = WEDNESDAY + datetime.timedelta(minutes=10)
    assert [job.name for job in due(planned, ran, later)] == ["messages", "reminders"]
    # Down over night: the 02:15 backup and 02:45 retention run when it comes back.
    morning = datetime.datetime(2026, 12, 10, 9, tzinfo=UTC)
    assert {"backup", "retention"} <= {job.name for job in due(planned, ran, morning)}


def test_a_run_is_recorded_and_a_failure_does_not_stop_the_rest(tmp_path: Path) -> None:
    planned = [
        Job("fails", ("manage", "no_such_command"), every_minutes=5),
        Job("works", ("--help",), every_minutes=5),
    ]
    state = tmp_path / "schedule.json"
    assert run_due(planned, state, WEDNESDAY) == {"fails": 1, "works": 0}
    assert json.loads(state.read_text()) == {
        "fails": WEDNESDAY.isoformat(),
        "works": WEDNESDAY.isoformat(),
    }
    assert run_due(planned, state, WEDNESDAY + datetime.timedelta(minutes=1)) == {}


def test_old_backups_go_with_their_manifests_and_the_newest_always_stays(
    tmp_path: Path,
) -> None:
    now = datetime.datetime(2026, 12, 9, tzinfo=UTC).timestamp()
    made = {}
    for days in (40, 31, 3):
        backup = tmp_path / f"coproduce-{days}.sqlite3"
        for path in (backup, Path(f"{backup}.json"), Path(f"{backup}.files.tar")):
            path.write_text("x")
            os.utime(path, (now - days * 86400, now - days * 86400))
        made[days] = backup
    other = tmp_path / "notes.txt"
    other.write_text("keep")
    os.utime(other, (now - 90 * 86400, now - 90 * 86400))
    assert backups_prune(tmp_path, keep_days=30, now=now) == [made[40], made[31]]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "coproduce-3.sqlite3",
        "coproduce-3.sqlite3.files.tar",
        "coproduce-3.sqlite3.json",
        "notes.txt",
    ]
    # Even past the limit, the only backup left is kept.
    assert backups_prune(tmp_path, keep_days=1, now=now) == []
