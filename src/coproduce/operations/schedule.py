"""The timed jobs a live site needs, run by one long-lived process (`coproduce
schedule`): the compose file's scheduler and the systemd unit use it, so a council
needs no cron. Each job runs as its own `coproduce` command, so one failing never
stops the others. When each last ran is kept in a file, so after a restart a run
that was missed (the 02:15 backup while the server was down) happens at once."""

from __future__ import annotations

import datetime
import json
import logging
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("coproduce.schedule")


@dataclass(frozen=True)
class Job:
    name: str
    command: tuple[str, ...]
    every_minutes: int = 0
    at: datetime.time | None = None
    weekday: int | None = None  # 0 is Monday
    day_of_month: int | None = None

    def last_due(self, now: datetime.datetime) -> datetime.datetime:
        """The latest time at or before `now` this job was due to run."""
        if self.every_minutes:
            minutes = now.hour * 60 + now.minute
            start = now.replace(hour=0, minute=0, second=0, microsecond=0)
            return start + datetime.timedelta(minutes=minutes - minutes % self.every_minutes)
        assert self.at is not None
        due = datetime.datetime.combine(now.date(), self.at, tzinfo=now.tzinfo)
        if self.day_of_month is not None:
            due = due.replace(day=self.day_of_month)
            if due > now:
                previous = due.replace(day=1) - datetime.timedelta(days=1)
                due = previous.replace(day=self.day_of_month)
            return due
        if self.weekday is not None:
            due -= datetime.timedelta(days=(now.weekday() - self.weekday) % 7)
            return due if due <= now else due - datetime.timedelta(days=7)
        return due if due <= now else due - datetime.timedelta(days=1)


def jobs(keep_days: int) -> list[Job]:
    """Every timed job, at the times docs/operations.md gives (server's local time)."""
    return [
        Job("messages", ("manage", "send_messages"), every_minutes=5),
        Job("reminders", ("manage", "session_reminders"), every_minutes=15),
        Job(
            "backup", ("backup", "--verify", "--keep-days", str(keep_days)), at=datetime.time(2, 15)
        ),
        Job("retention", ("retention",), at=datetime.time(2, 45)),
        Job("digest", ("manage", "weekly_digest"), at=datetime.time(8), weekday=0),
        Job(
            "statements",
            ("manage", "monthly_statements"),
            at=datetime.time(9),
            day_of_month=2,
        ),
    ]


def due(planned: list[Job], last_runs: dict[str, str], now: datetime.datetime) -> list[Job]:
    """The jobs whose latest due time has come since they last ran."""
    return [
        job
        for job in planned
        if job.name not in last_runs
        or datetime.datetime.fromisoformat(last_runs[job.name]) < job.last_due(now)
    ]


def run_due(
    planned: list[Job], state: Path, now: datetime.datetime, timeout: float = 3600
) -> dict[str, int]:
    """Run what is due, one after another, and record each run. Returns each run job's
    exit code (a job that hangs past `timeout` is stopped and counts as failed)."""
    last_runs = json.loads(state.read_text()) if state.exists() else {}
    results = {}
    for job in due(planned, last_runs, now):
        started = time.monotonic()
        try:
            done = subprocess.run(  # noqa: S603  (our interpreter, our fixed arguments)
                [sys.executable, "-m", "coproduce.cli", *job.command],
                timeout=timeout,
                capture_output=True,
                text=True,
            )
            code, output = done.returncode, (done.stdout + done.stderr)[-2000:]
        except subprocess.TimeoutExpired:
            code, output = -1, f"stopped after {timeout} seconds"
        results[job.name] = code
        last_runs[job.name] = now.isoformat()
        state.parent.mkdir(parents=True, exist_ok=True)
        state.write_text(json.dumps(last_runs, indent=1))
        (log.info if code == 0 else log.error)(
            "job",
            extra={
                "job": job.name,
                "exit_code": code,
                "seconds": round(time.monotonic() - started, 1),
                "output": output.strip() if code else "",
            },
        )
    return results
