"""Backups on the engine the suite runs on (SQLite, then PostgreSQL in `make test`):
made from one moment, proved by restoring them elsewhere, and put back whole."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from coproduce.evidence import services as evidence
from coproduce.evidence.models import Coding
from coproduce.ledger import services as ledger_services
from coproduce.ledger.models import AccountKind, Posting, Unit
from coproduce.operations.backup import (
    BackupError,
    backup_make,
    backup_restore,
    backup_verify,
    inventory,
)
from coproduce.people.models import Person
from coproduce.recognition import services as recognition

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def data(cast):
    issued = ledger_services.organisation_account(cast.org, AccountKind.ISSUED, Unit.CREDITS)
    mine = ledger_services.person_account(cast.coproducer, Unit.CREDITS)
    recognition.post(
        organisation=cast.org,
        by=cast.coordinator,
        key="backup-test",
        kind="award",
        legs=[(issued, -7), (mine, 7)],
    )
    code = evidence.code_create(organisation=cast.org, by=cast.coordinator, name="Trust")
    document = evidence.document_add(
        organisation=cast.org, by=cast.coordinator, title="N", kind="notes", text="A.\n\nB."
    )
    for excerpt in document.excerpts.all():
        evidence.excerpt_code(excerpt=excerpt, coder=cast.coordinator, codes=[code])
    return cast


def test_a_backup_describes_itself_and_verifies(data, tmp_path):
    path, manifest = backup_make(tmp_path)
    assert path.parent == tmp_path
    assert path.stat().st_mode & 0o777 == 0o600
    assert manifest.counts["people_person"] == Person.objects.count()
    assert manifest.counts["ledger_posting"] == Posting.objects.count() == 2
    with connection.cursor() as cursor:
        assert manifest.balances == inventory(cursor, connection.ops.quote_name)["balances"]
    result = backup_verify(path)
    assert result.ok, (result.mismatches, result.ledger_output)
    assert result.tables == len(manifest.counts) > 50
    assert "All 10 ledger checks passed." in result.ledger_output


def test_restore_puts_everything_back(data, tmp_path):
    path, manifest = backup_make(tmp_path)
    Coding.objects.all().delete()
    Person.objects.filter(pk=data.other_person.pk).delete()
    backup_restore(path)
    assert Coding.objects.count() == manifest.counts["evidence_coding"] == 2
    assert Person.objects.filter(preferred_name="Elsewhere").exists()


def test_a_changed_backup_is_refused_and_nothing_is_touched(data, tmp_path):
    path, _manifest = backup_make(tmp_path)
    with path.open("ab") as handle:
        handle.write(b"not part of the backup")
    Coding.objects.all().delete()
    with pytest.raises(BackupError, match="checksum differs"):
        backup_restore(path)
    with pytest.raises(BackupError, match="checksum differs"):
        backup_verify(path)
    assert Coding.objects.count() == 0
    with pytest.raises(BackupError, match="never overwrite"):
        backup_make(path)


def test_commands(data, tmp_path, capsys):
    call_command("backup", "--to", str(tmp_path), "--verify")
    out = capsys.readouterr().out
    assert "Backed up" in out
    assert "Verified" in out
    [path] = [p for p in tmp_path.iterdir() if not p.name.endswith((".json", ".files.tar"))]
    call_command("backup", "--verify", "--file", str(path))
    assert "Verified" in capsys.readouterr().out
    with pytest.raises(CommandError, match="add --yes"):
        call_command("restore", str(path))
    call_command("restore", str(path), "--yes")
    assert "Restored" in capsys.readouterr().out
    with pytest.raises(CommandError, match="No backup at"):
        call_command("restore", str(tmp_path / "missing.dump"), "--yes")


def test_a_town_sized_database_backs_up_and_restores_with_every_count_and_balance(tmp_path):
    from coproduce.demo.generate import generate

    report = generate("town", 1, lambda label, done, total: None)
    path, manifest = backup_make(tmp_path)
    assert manifest.counts["coproduce_sessions_attendance"] == 80_000
    assert manifest.counts["ledger_posting"] == report.rows["ledger.Posting"] > 50_000
    assert sum(manifest.counts.values()) > 250_000
    result = backup_verify(path)
    assert result.ok, (result.mismatches, result.ledger_output)
    assert "All 10 ledger checks passed." in result.ledger_output
