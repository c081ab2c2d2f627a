"""Backups that can be trusted: taken from one consistent moment, described by a signed
manifest, and proved by restoring them somewhere else and comparing.

The uploaded files (receipts, story images and attachments, subject-access copies) are
archived beside the database, and the manifest holds both checksums. The manifest is
signed with HMAC-SHA256 under COPRODUCE_BACKUP_KEY (SECRET_KEY when that is not set), so
a backup whose file or manifest was changed is refused, even with a rewritten checksum.

SQLite is copied with its online backup API inside one read transaction; PostgreSQL with
`pg_dump` from a snapshot exported by a REPEATABLE READ transaction. In both cases the
row counts and a digest of every ledger balance are read inside that same transaction,
so the manifest describes exactly what the backup holds, even while people keep working.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.apps import apps
from django.conf import settings
from django.db import connection, connections

MANIFEST_SUFFIX = ".json"
FILES_SUFFIX = ".files.tar"
FORMAT = 2
# The folders of uploaded files, by their name inside the files archive.
FILE_FOLDERS = {"media": "MEDIA_ROOT", "private": "PRIVATE_ROOT"}


class BackupError(Exception):
    """Something about a backup is wrong; the message says what, for a person to act on."""


def _tables() -> list[str]:
    names = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }
    return sorted(names)


def inventory(cursor: Any, quote_name: Callable[[str], str]) -> dict[str, Any]:
    """Row counts of every table Coproduce owns and a digest of every ledger balance,
    read through one database cursor (so inside whatever transaction it is in)."""
    counts = {}
    for table in _tables():
        cursor.execute(f"SELECT COUNT(*) FROM {quote_name(table)}")  # noqa: S608 (our own names)
        counts[table] = cursor.fetchone()[0]
    cursor.execute(
        "SELECT account_id, SUM(amount) FROM ledger_posting GROUP BY account_id ORDER BY account_id"
    )
    digest = hashlib.sha256()
    for account_id, total in cursor.fetchall():
        digest.update(f"{account_id}:{total};".encode())
    return {"counts": counts, "balances": digest.hexdigest()}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _engine(config: dict[str, Any]) -> str:
    engine = str(config["ENGINE"])
    if engine.endswith("sqlite3"):
        return "sqlite"
    if engine.endswith("postgresql"):
        return "postgresql"
    raise BackupError(f"Backups support SQLite and PostgreSQL, not {engine}.")


def _pg_env(config: dict[str, Any], name: str | None = None) -> dict[str, str]:
    env = dict(os.environ)
    for key, value in (
        ("PGHOST", config.get("HOST")),
        ("PGPORT", config.get("PORT")),
        ("PGUSER", config.get("USER")),
        ("PGPASSWORD", config.get("PASSWORD")),
        ("PGDATABASE", name or config.get("NAME")),
    ):
        if value:
            env[key] = str(value)
    return env


def _pg_url(config: dict[str, Any], name: str) -> str:
    user = quote(str(config.get("USER") or ""))
    password = quote(str(config.get("PASSWORD") or ""))
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = config.get("HOST") or "127.0.0.1"
    port = config.get("PORT") or 5432
    return f"postgres://{credentials}{host}:{port}/{name}"


def _run(command: list[str], env: dict[str, str]) -> None:
    # Fixed programs with our own arguments; nothing here comes from a request.
    done = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[:2000]}")


def _signing_key() -> bytes:
    return str(getattr(settings, "COPRODUCE_BACKUP_KEY", "") or settings.SECRET_KEY).encode()


def _signature(fields: dict[str, Any]) -> str:
    body = json.dumps(
        {k: v for k, v in fields.items() if k != "signature"},
        sort_keys=True,
        separators=(",", ":"),
    )
    message = b"coproduce backup manifest\n" + body.encode()
    return hmac.new(_signing_key(), message, hashlib.sha256).hexdigest()


@dataclass
class Manifest:
    engine: str
    created_at: str
    file: str
    sha256: str
    counts: dict[str, int]
    balances: str
    files: str = ""
    files_sha256: str = ""
    files_count: int = 0
    format: int = FORMAT
    signature: str = ""

    @classmethod
    def read(cls, backup: Path) -> Manifest:
        path = backup.with_name(backup.name + MANIFEST_SUFFIX)
        if not path.is_file():
            raise BackupError(f"No manifest beside the backup: expected {path}.")
        data = json.loads(path.read_text())
        if data.get("format") != FORMAT or not isinstance(data.get("signature"), str):
            raise BackupError(
                f"{path} is not a signed manifest of this version (format {FORMAT}). "
                "Nothing was restored."
            )
        if not hmac.compare_digest(data["signature"], _signature(data)):
            raise BackupError(
                f"The signature on {path} does not match: the manifest was changed, or "
                "signed with another key (COPRODUCE_BACKUP_KEY or SECRET_KEY). "
                "Nothing was restored."
            )
        return cls(**{k: data[k] for k in cls.__dataclass_fields__})

    def write(self, backup: Path) -> Path:
        path = backup.with_name(backup.name + MANIFEST_SUFFIX)
        self.signature = _signature(self.__dict__)
        path.write_text(json.dumps(self.__dict__, indent=2, sort_keys=True))
        path.chmod(0o600)
        return path


def _archive_files(target: Path) -> int:
    """Every uploaded file, in one archive, by folder; how many files it holds."""
    count = 0
    with tarfile.open(target, "w") as archive:
        for name, setting in FILE_FOLDERS.items():
            folder = Path(getattr(settings, setting))
            if not folder.is_dir():
                continue
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                archive.add(path, arcname=f"{name}/{path.relative_to(folder)}", recursive=False)
                count += 1
    return count


def _unpack_files(archive_path: Path, folders: dict[str, Path]) -> int:
    """Put the archived files back in `folders` (by archive folder name); how many."""
    count = 0
    with tarfile.open(archive_path) as archive:
        for member in archive.getmembers():
            top, _, rest = member.name.partition("/")
            if top not in folders or not rest or not member.isfile():
                continue
            member.name = rest
            # The "data" filter refuses absolute paths, "..", links out and device files.
            archive.extract(member, folders[top], filter="data")
            (folders[top] / rest).chmod(0o600)
            count += 1
    return count


def default_folder() -> Path:
    return Path(settings.COPRODUCE_BACKUP_DIR)


def backup_make(destination: Path | None = None) -> tuple[Path, Manifest]:
    """Back up the database Coproduce is using, with its manifest beside it."""
    config = connection.settings_dict
    engine = _engine(config)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    suffix = ".sqlite3" if engine == "sqlite" else ".dump"
    if destination is None or destination.is_dir() or not destination.suffix:
        folder = destination or default_folder()
        folder.mkdir(parents=True, exist_ok=True)
        destination = folder / f"coproduce-{stamp}{suffix}"
    if destination.exists():
        raise BackupError(f"{destination} exists already; backups never overwrite.")
    partial = destination.with_name(destination.name + ".partial")
    if engine == "sqlite":
        found = _backup_sqlite(Path(config["NAME"]), partial)
    else:
        found = _backup_postgresql(config, partial)
    # Only a complete backup gets its real name, so a stopped run leaves no half file
    # that looks like a backup.
    partial.rename(destination)
    files = destination.with_name(destination.name + FILES_SUFFIX)
    files_count = _archive_files(files)
    manifest = Manifest(
        engine=engine,
        created_at=stamp,
        file=destination.name,
        sha256=_sha256(destination),
        counts=found["counts"],
        balances=found["balances"],
        files=files.name,
        files_sha256=_sha256(files),
        files_count=files_count,
    )
    manifest.write(destination)
    destination.chmod(0o600)
    files.chmod(0o600)
    return destination, manifest


def _backup_sqlite(source: Path, target: Path) -> dict[str, Any]:
    live = sqlite3.connect(source, isolation_level=None)
    try:
        live.execute("BEGIN")  # one read transaction: counts and copy see the same moment
        found = inventory(live.cursor(), lambda name: f'"{name}"')
        copy = sqlite3.connect(target)
        try:
            live.backup(copy)
        finally:
            copy.close()
        live.execute("COMMIT")
    finally:
        live.close()
    return found


def _backup_postgresql(config: dict[str, Any], target: Path) -> dict[str, Any]:
    import psycopg

    if shutil.which("pg_dump") is None:
        raise BackupError("pg_dump is not installed (Debian: postgresql-client).")
    with psycopg.connect(_pg_url(config, str(config["NAME"])), autocommit=True) as live:
        live.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        snapshot = live.execute("SELECT pg_export_snapshot()").fetchone()
        assert snapshot is not None
        with live.cursor() as cursor:
            found = inventory(cursor, lambda name: f'"{name}"')
        # pg_dump reads the very snapshot the counts came from, while it is held open.
        _run(
            ["pg_dump", "--format=custom", f"--snapshot={snapshot[0]}", f"--file={target}"],
            _pg_env(config),
        )
        live.execute("COMMIT")
    return found


def _check_file(backup: Path) -> Manifest:
    if not backup.is_file():
        raise BackupError(f"No backup at {backup}.")
    manifest = Manifest.read(backup)
    if _sha256(backup) != manifest.sha256:
        raise BackupError(
            f"{backup} is not the file its manifest describes (its checksum differs): "
            "it may be damaged or changed. Nothing was restored."
        )
    files = backup.with_name(manifest.files)
    if not files.is_file() or _sha256(files) != manifest.files_sha256:
        raise BackupError(
            f"The uploaded files beside {backup} ({manifest.files}) are missing or are not "
            "the ones its manifest describes. Nothing was restored."
        )
    return manifest


def _file_folders() -> dict[str, Path]:
    return {name: Path(getattr(settings, setting)) for name, setting in FILE_FOLDERS.items()}


def backup_restore(
    backup: Path, config: dict[str, Any] | None = None, folders: dict[str, Path] | None = None
) -> Manifest:
    """Put a backup in place of a database (the one in use unless `config` names another),
    and its uploaded files back in their folders (or in `folders`). Files uploaded since
    the backup stay. PostgreSQL restores in one transaction, so a failed restore leaves
    the database as it was."""
    manifest = _check_file(backup)
    config = dict(config or connection.settings_dict)
    if _engine(config) != manifest.engine:
        raise BackupError(f"This is a {manifest.engine} backup; the database is {_engine(config)}.")
    connections.close_all()
    if manifest.engine == "sqlite":
        source = sqlite3.connect(backup)
        target = sqlite3.connect(config["NAME"])
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
    else:
        if shutil.which("pg_restore") is None:
            raise BackupError("pg_restore is not installed (Debian: postgresql-client).")
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={_pg_url(config, str(config['NAME']))}",
                str(backup),
            ],
            _pg_env(config),
        )
    restored = _unpack_files(backup.with_name(manifest.files), folders or _file_folders())
    if restored != manifest.files_count:
        raise BackupError(
            f"{restored} uploaded files came back; the manifest lists {manifest.files_count}."
        )
    return manifest


@dataclass
class Verification:
    manifest: Manifest
    scratch: str
    tables: int = 0
    mismatches: list[str] = field(default_factory=list)
    ledger_ok: bool = False
    ledger_output: str = ""

    @property
    def ok(self) -> bool:
        return not self.mismatches and self.ledger_ok


def _inventory_of(url: str) -> dict[str, Any]:
    env = {**os.environ, "DATABASE_URL": url}
    done = subprocess.run(
        [sys.executable, "-m", "coproduce.cli", "backup", "--inventory"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def backup_verify(backup: Path) -> Verification:
    """Restore a backup into a scratch database, then compare every table's row count and
    every ledger balance with its manifest, and run `ledger check` there."""
    manifest = _check_file(backup)
    config = dict(connection.settings_dict)
    folder = Path(tempfile.mkdtemp(prefix="coproduce-verify-"))
    scratch_folders = {name: folder / name for name in FILE_FOLDERS}
    if manifest.engine == "sqlite":
        scratch_config = {**config, "NAME": str(folder / "verify.sqlite3")}
        url = f"sqlite:///{scratch_config['NAME']}"
        backup_restore(backup, scratch_config, scratch_folders)
    else:
        import psycopg

        scratch = f"{config['NAME']}_verify"
        with psycopg.connect(_pg_url(config, "postgres"), autocommit=True) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
            server.execute(f'CREATE DATABASE "{scratch}"')
        scratch_config = {**config, "NAME": scratch}
        url = _pg_url(config, scratch)
        backup_restore(backup, scratch_config, scratch_folders)
    result = Verification(manifest=manifest, scratch=url)
    found = _inventory_of(url)
    result.tables = len(found["counts"])
    for table in sorted(set(manifest.counts) | set(found["counts"])):
        expected, restored = manifest.counts.get(table), found["counts"].get(table)
        if expected != restored:
            result.mismatches.append(f"{table}: {expected} in the backup, {restored} restored")
    if found["balances"] != manifest.balances:
        result.mismatches.append("ledger balances differ from the backup's")
    done = subprocess.run(
        [sys.executable, "-m", "coproduce.cli", "ledger", "check"],
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
    )
    result.ledger_ok = done.returncode == 0
    shutil.rmtree(folder, ignore_errors=True)
    result.ledger_output = (done.stdout + done.stderr).strip()
    if manifest.engine == "postgresql":
        import psycopg

        with psycopg.connect(_pg_url(config, "postgres"), autocommit=True) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{config["NAME"]}_verify"')
    return result


def backups_prune(folder: Path, keep_days: int, now: float | None = None) -> list[Path]:
    """Delete the backups in `folder` older than `keep_days` (each with its manifest and
    files), never the newest one. Returns what was deleted."""
    backups = sorted(
        (path for path in folder.glob("coproduce-*") if path.suffix in (".sqlite3", ".dump")),
        key=lambda path: path.stat().st_mtime,
    )
    cutoff = (now if now is not None else time.time()) - keep_days * 24 * 60 * 60
    deleted = []
    for backup in backups[:-1]:
        if backup.stat().st_mtime < cutoff:
            for path in (
                backup,
                *(backup.with_name(backup.name + s) for s in (MANIFEST_SUFFIX, FILES_SUFFIX)),
            ):
                path.unlink(missing_ok=True)
            deleted.append(backup)
    return deleted


def newest_backup_age(folder: Path) -> float | None:
    """Seconds since the newest backup's manifest in `folder` was written, if any."""
    manifests = list(folder.glob("coproduce-*.json")) if folder.is_dir() else []
    if not manifests:
        return None
    return time.time() - max(path.stat().st_mtime for path in manifests)
