"""`coproduce bench` runs end to end on a scratch database and reports sound figures.
(Its speed is recorded in docs/performance.md, never asserted here.)"""

import json
import os
import subprocess
import sys


def test_bench_measures_on_a_scratch_database_and_finds_the_ledger_sound(tmp_path):
    env = {**os.environ, "COPRODUCE_VAR_DIR": str(tmp_path)}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "coproduce.cli",
            "bench",
            "--scratch",
            "--json",
            "--transactions",
            "80",
            "--case-studies",
            "60",
            "--passages",
            "50",
            "--people",
            "120",
            "--invitations",
            "100",
        ],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    figures = json.loads(done.stdout)
    results = figures["results"]
    assert figures["database"] == (
        "postgresql" if "postgres" in env.get("DATABASE_URL", "") else "sqlite"
    )
    assert results["same keys from 4 writers: sent / written once"] == "80 / 20"
    assert results["ledger check: problems"] == 0
    assert results["one writer: postings per second"] > 0
    assert "6/6 done" in done.stderr
    assert results["library: 60 case studies stored and indexed, seconds"] >= 0
    assert results["case study page (100 pages)"].startswith("median ")
    assert results["evidence: 50 passages, responses and figures stored, seconds"] >= 0
    assert results["evidence pack (40 indicators)"].startswith("median ")
    assert results["agreement between two coders (50 passages)"].startswith("median ")
    assert results["people import: 120 rows, file MB"] >= 0
    assert results["people import: import all at once, s"] >= 0
    assert results["outbox: emails delivered to a local SMTP server"] == 70
    assert results["outbox: messages queued per second"] > 0
