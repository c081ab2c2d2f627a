"""Loads the framework packs in data/ into the database, making a new version when one changes.

Used by the data migration (with historical models) and by `coproduce frameworks
sync` (with the real ones), so both take the model classes as arguments.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coproduce.core.models import User

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass
class SyncReport:
    created: list[str] = field(default_factory=list)
    new_versions: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    welsh: list[str] = field(default_factory=list)


def read_packs(directory: Path = DATA_DIR) -> list[dict[str, Any]]:
    """Every pack in the folder, in file-name order."""
    return [json.loads(path.read_text()) for path in sorted(directory.glob("*.json"))]


def pack_hash(pack: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(pack, sort_keys=True).encode()).hexdigest()


def _create_items(
    item_model: Any,
    framework: Any,
    items: list[dict[str, Any]],
    parent: Any,
    counter: list[int],
    by_key: dict[str, Any],
) -> None:
    for entry in items:
        counter[0] += 1
        item = item_model.objects.create(
            framework=framework,
            parent=parent,
            key=entry["key"],
            title=entry["title"],
            description=entry.get("description", ""),
            position=counter[0],
        )
        by_key[item.key] = item
        _create_items(item_model, framework, entry.get("items", []), item, counter, by_key)


def create_version(
    models: dict[str, Any],
    pack: dict[str, Any],
    version: int,
    organisation: Any = None,
    by: User | None = None,
) -> Any:
    """Write one framework version with its items and statement sets."""
    framework = models["Framework"].objects.create(
        organisation=organisation,
        key=pack["key"],
        version=version,
        is_current=True,
        title=pack["title"],
        kind=pack["kind"],
        description=pack.get("description", ""),
        source_document=pack.get("source", {}).get("document", ""),
        source_reference=pack.get("source", {}).get("reference", ""),
        content_hash=pack_hash(pack),
        created_by=by,
    )
    by_key: dict[str, Any] = {}
    _create_items(models["FrameworkItem"], framework, pack.get("items", []), None, [0], by_key)
    for set_data in pack.get("statement_sets", []):
        statement_set = models["StatementSet"].objects.create(
            framework=framework, key=set_data["key"], title=set_data["title"]
        )
        models["Statement"].objects.bulk_create(
            models["Statement"](
                statement_set=statement_set,
                item=by_key[s["item"]],
                text=s["text"],
                easy_read=s.get("easy_read", ""),
                position=n,
            )
            for n, s in enumerate(set_data["statements"], start=1)
        )
    return framework


def sync(models: dict[str, Any], packs: list[dict[str, Any]]) -> SyncReport:
    """Bring the library up to date with the packs; never rewrites an existing version."""
    report = SyncReport()
    Framework = models["Framework"]  # noqa: N806
    for pack in packs:
        current = Framework.objects.filter(
            organisation__isnull=True, key=pack["key"], is_current=True
        ).first()
        if current is None:
            create_version(models, pack, 1)
            report.created.append(pack["key"])
        elif current.content_hash == pack_hash(pack):
            report.unchanged.append(pack["key"])
        else:
            Framework.objects.filter(pk=current.pk).update(is_current=False)
            create_version(models, pack, current.version + 1)
            report.new_versions.append(pack["key"])
    return report


WELSH_DIR = DATA_DIR / "cy"


def read_welsh(directory: Path = WELSH_DIR) -> dict[str, dict[str, Any]]:
    """The Welsh for each pack, by pack key: data/cy/<key>.json."""
    return {path.stem: json.loads(path.read_text()) for path in sorted(directory.glob("*.json"))}


def _welsh(entry: dict[str, Any], *fields: str) -> dict[str, str]:
    return {name: entry[name] for name in fields if entry.get(name)}


def apply_welsh(models: dict[str, Any], welsh_packs: dict[str, dict[str, Any]]) -> list[str]:
    """Put the Welsh beside the English of each current library framework, its items and
    its statements. Welsh changes no meaning, so it never makes a new version; it is
    written over whatever Welsh was there. Returns the keys given Welsh."""
    done = []
    for framework in models["Framework"].objects.filter(organisation__isnull=True, is_current=True):
        pack = welsh_packs.get(framework.key)
        if pack is None:
            continue
        framework.welsh = _welsh(pack, "title", "description")
        framework.save(update_fields=["welsh"])
        items = pack.get("items", {})
        for item in models["FrameworkItem"].objects.filter(framework=framework):
            item.welsh = _welsh(items.get(item.key, {}), "title", "description")
            item.save(update_fields=["welsh"])
        sets = pack.get("statement_sets", {})
        for statement_set in models["StatementSet"].objects.filter(framework=framework):
            entry = sets.get(statement_set.key, {})
            statement_set.welsh = _welsh(entry, "title")
            statement_set.save(update_fields=["welsh"])
            statements = entry.get("statements", [])
            for statement in models["Statement"].objects.filter(statement_set=statement_set):
                found = (
                    statements[statement.position - 1]
                    if statement.position <= len(statements)
                    else {}
                )
                statement.welsh = _welsh(found, "text", "easy_read")
                statement.save(update_fields=["welsh"])
        done.append(framework.key)
    return done
