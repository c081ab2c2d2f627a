"""15. Backups: a signed manifest, and the uploaded files kept with the database."""

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.storage import default_storage

from coproduce.operations.backup import BackupError, backup_make, backup_restore, backup_verify

pytestmark = pytest.mark.django_db(transaction=True)


def _manifest(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def test_a_changed_backup_with_a_rewritten_checksum_is_refused(cast: Any, tmp_path: Path) -> None:
    path, _ = backup_make(tmp_path)
    with path.open("ab") as handle:
        handle.write(b"a changed name")
    data = json.loads(_manifest(path).read_text())
    data["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    _manifest(path).write_text(json.dumps(data))
    with pytest.raises(BackupError, match="signature"):
        backup_restore(path)
    with pytest.raises(BackupError, match="signature"):
        backup_verify(path)


def test_a_backup_signed_with_another_key_is_refused(
    cast: Any, tmp_path: Path, settings: Any
) -> None:
    path, _ = backup_make(tmp_path)
    settings.COPRODUCE_BACKUP_KEY = "a different key"
    with pytest.raises(BackupError, match="signature"):
        backup_restore(path)


def test_an_unsigned_manifest_is_refused(cast: Any, tmp_path: Path) -> None:
    path, _ = backup_make(tmp_path)
    data = json.loads(_manifest(path).read_text())
    del data["signature"]
    _manifest(path).write_text(json.dumps(data))
    with pytest.raises(BackupError, match="not a signed manifest"):
        backup_restore(path)


def test_uploaded_files_are_backed_up_and_come_back(cast: Any, tmp_path: Path) -> None:
    receipt = default_storage.save("receipts/bus-ticket.png", _file(b"a photo of a bus ticket"))
    private = Path(settings.PRIVATE_ROOT) / "exports" / "copy.zip"
    private.parent.mkdir(parents=True, exist_ok=True)
    private.write_bytes(b"a subject access copy")
    path, manifest = backup_make(tmp_path)
    assert manifest.files_count >= 2
    files = path.with_name(manifest.files)
    assert files.stat().st_mode & 0o777 == 0o600
    default_storage.delete(receipt)
    private.unlink()
    backup_restore(path)
    with default_storage.open(receipt) as handle:
        assert handle.read() == b"a photo of a bus ticket"
    assert private.read_bytes() == b"a subject access copy"
    assert private.stat().st_mode & 0o777 == 0o600
    result = backup_verify(path)
    assert result.ok, (result.mismatches, result.ledger_output)


def test_a_backup_whose_files_were_changed_is_refused(cast: Any, tmp_path: Path) -> None:
    path, manifest = backup_make(tmp_path)
    with path.with_name(manifest.files).open("ab") as handle:
        handle.write(b"\0" * 512)
    with pytest.raises(BackupError, match="uploaded files"):
        backup_restore(path)


def _file(content: bytes) -> Any:
    from django.core.files.base import ContentFile

    return ContentFile(content)
