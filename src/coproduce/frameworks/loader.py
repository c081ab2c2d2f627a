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
