import json

import pytest
from django.core.management import CommandError, call_command

# The source's own labels differ between the two periods (001:L181).
TABLE = """period,breakdown,category,value,share
Sep'09-Aug'10,referral source,General Medical Practitioner (GP),4541,83.12
Sep'09-Aug'10,referral source,Self,730,13.36
Sep'09-Aug'10,referral source,Other **,15,0.27
Sep'09-Aug'10,referral source,TOTAL,5286,
Sept'10-Aug'11,referral source,General Medical Practitioner (GP),862,23.13
Sept'10-Aug'11,referral source,Self,2408,64.63
Sept'10-Aug'11,referral source,Other,32,0.86
Sept'10-Aug'11,referral source,TOTAL,3302,
"""
PERIODS = ["--periods", "Sep'09-Aug'10", "Sept'10-Aug'11"]


@pytest.fixture
def table(tmp_path):
    path = tmp_path / "referrals.csv"
    path.write_text(TABLE)
    return path


def test_compare_prints_a_table_with_the_checks(table, capsys):
    call_command("evidence", "compare", str(table), *PERIODS)
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].startswith("referral source")
    assert any(line.startswith("Self") and "3.30" in line for line in lines)
    assert '! The category "Other **" in Sep\'09-Aug\'10 looks like "Other"' in out
    assert "the stated total is 3302 but the parts add up to 3302" not in out
    assert "half away from zero" in out


def test_compare_as_json(table, capsys):
    call_command("evidence", "compare", str(table), *PERIODS, "--format", "json")
    [result] = json.loads(capsys.readouterr().out)
    assert result["periods"] == ["Sep'09-Aug'10", "Sept'10-Aug'11"]
    self_row = next(r for r in result["rows"] if r["category"] == "Self")
    assert self_row == {
        "category": "Self",
        "first": "730",
        "second": "2408",
        "first_share": "13.81",
        "second_share": "72.93",
        "change_points": "59.12",
        "fold_change": "3.30",
    }
    assert result["totals"] == ["5286", "3302"]
    kinds = [f["kind"] for f in result["flags"]]
    assert kinds.count("share") == 6
    assert "label" in kinds


def test_compare_names_bad_rows_and_missing_files(tmp_path, table):
    bad = tmp_path / "bad.csv"
    bad.write_text("period,category,value\nSep'09-Aug'10,GP,many\n")
    with pytest.raises(CommandError, match="row 2, value"):
        call_command("evidence", "compare", str(bad), *PERIODS)
    with pytest.raises(CommandError, match="No file"):
        call_command("evidence", "compare", str(tmp_path / "nope.csv"), *PERIODS)
    with pytest.raises(CommandError, match="No rows for the periods"):
        call_command("evidence", "compare", str(table), "--periods", "2030", "2031")
