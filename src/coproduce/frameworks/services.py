"""Writes for frameworks: syncing the shipped library, and frameworks organisations make."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from coproduce.core.models import AuditAction, Organisation, User
from coproduce.core.services import audit_record
from coproduce.frameworks import loader
from coproduce.frameworks.models import (
    Framework,
    FrameworkItem,
    FrameworkKind,
    Statement,
    StatementSet,
)

MODELS = {
    "Framework": Framework,
    "FrameworkItem": FrameworkItem,
    "StatementSet": StatementSet,
    "Statement": Statement,
}


@transaction.atomic
def frameworks_sync() -> loader.SyncReport:
    """Load every shipped pack; a changed pack becomes a new version, answers keep the old one.
    The Welsh beside each pack is then written onto the current versions."""
    report = loader.sync(MODELS, loader.read_packs())
    report.welsh = loader.apply_welsh(MODELS, loader.read_welsh())
    return report


def parse_items(text: str) -> list[dict[str, Any]]:
    """Turn one item per line into nested items; a line starting with '-' belongs to the one above.

    "Title: description" splits a line into the item's title and its description.
    """
    items: list[dict[str, Any]] = []
    seen: set[str] = set()
    for raw in text.splitlines():
        if not raw.strip():
            continue
        is_child = raw.lstrip().startswith("-")
        line = raw.strip().lstrip("-").strip()
        title, _sep, description = line.partition(":")
        title = title.strip()[:200]
        if not title:
            continue
        key = base = slugify(title)[:70] or "item"
        n = 2
        while key in seen:
            key, n = f"{base}-{n}", n + 1
        seen.add(key)
        entry = {"key": key, "title": title, "description": description.strip()}
        if is_child and items:
            items[-1].setdefault("items", []).append(entry)
        else:
            items.append(entry)
    return items


def parse_statements(text: str, items: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Turn "Item: statement | easy read" lines into statements; each must name an item."""
    keys: dict[str, str] = {}
    for item in items:
        for entry in (item, *item.get("items", [])):
            keys[entry["title"].casefold()] = keys[entry["key"]] = entry["key"]
    statements = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        named, _sep, rest = raw.partition(":")
        key = keys.get(named.strip().casefold()) or keys.get(named.strip())
        words, _bar, easy = rest.partition("|")
        if key is None or not words.strip():
            raise ValidationError(
                {
                    "statements_text": _(
                        'Line %(n)s: start with one of the items and a colon, like "%(item)s: '
                        'We ...".'
                    )
                    % {"n": number, "item": items[0]["title"]}
                }
            )
        statements.append(
            {"item": key, "text": words.strip()[:500], "easy_read": easy.strip()[:500]}
        )
    return statements


@transaction.atomic
def framework_create(
    *,
    organisation: Organisation,
    by: User,
    title: str,
    kind: str,
    description: str,
    items_text: str,
    source: str = "",
    statements_text: str = "",
) -> Framework:
    """Create an organisation's own framework, or a new version of one with the same title."""
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("Enter a title for the framework.")})
    if kind not in FrameworkKind.values:
        raise ValidationError({"kind": _("Choose what kind of framework this is.")})
    items = parse_items(items_text)
    if not items:
        raise ValidationError({"items_text": _("Add at least one item, one per line.")})
    statements = parse_statements(statements_text, items)
    key = slugify(title)[:70] or "framework"
    pack: dict[str, Any] = {
        "key": key,
        "title": title,
        "kind": kind,
        "description": description.strip(),
        "source": {"document": source.strip(), "reference": ""},
        "items": items,
    }
    if statements:
        # An organisation writes the statements it assesses itself against.
        pack["statement_sets"] = [
            {"key": f"{key}-check"[:80], "title": title, "statements": statements}
        ]
    current = Framework.objects.filter(organisation=organisation, key=key, is_current=True).first()
    version = 1
    if current is not None:
        Framework.objects.filter(pk=current.pk).update(is_current=False)
        version = current.version + 1
    framework = loader.create_version(MODELS, pack, version, organisation=organisation, by=by)
    audit_record(
        organisation=organisation,
        actor=by,
        action=AuditAction.FRAMEWORK_CREATE,
        target=framework,
        changes={"key": key, "version": version},
    )
    return framework
