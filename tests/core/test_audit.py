"""One audit vocabulary: every action has its own words, every service passes one of
them, and an entry is written in the same transaction as the change it records."""

import ast
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from coproduce.core.models import AuditAction, AuditEvent
from coproduce.recognition import services as recognition
from coproduce.recognition.models import Caps, Rate

SRC = Path(__file__).resolve().parents[2] / "src" / "coproduce"


def _audit_calls() -> list[tuple[Path, ast.FunctionDef, ast.Call, bool]]:
    """Every call of audit_record in the source, its function, and whether it runs
    inside a transaction the function opens (a decorator or a with block)."""
    found = []
    for path in SRC.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text())
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef):
                continue
            atomic = any("atomic" in ast.unparse(d) for d in function.decorator_list)
            inside = {
                id(call)
                for block in ast.walk(function)
                if isinstance(block, ast.With)
                and any("atomic" in ast.unparse(item.context_expr) for item in block.items)
                for call in ast.walk(block)
            }
            for call in ast.walk(function):
                if isinstance(call, ast.Call) and ast.unparse(call.func) == "audit_record":
                    found.append((path, function, call, atomic or id(call) in inside))
    return found


def test_every_audit_action_has_words_of_its_own() -> None:
    labels = [str(member.label) for member in AuditAction]
    for member, label in zip(AuditAction, labels, strict=True):
        # TextChoices makes a label from the member's name when none is given.
        assert label != member.name.replace("_", " ").title(), member
        assert label, member
        assert "." not in label, member
        assert "_" not in label, member
    assert len(set(labels)) == len(labels)


def test_every_service_names_its_action_from_the_vocabulary() -> None:
    calls = _audit_calls()
    assert len(calls) > 60
    for path, function, call, _atomic in calls:
        action = next(k.value for k in call.keywords if k.arg == "action")
        names = [ast.unparse(n) for n in ast.walk(action) if isinstance(n, ast.Attribute)]
        assert names, f"{path.name}:{function.name}"
        assert all(n.startswith("AuditAction.") for n in names), f"{path.name}:{function.name}"
        for name in names:
            assert hasattr(AuditAction, name.split(".", 1)[1]), name


def test_every_audit_entry_is_written_inside_its_change_transaction() -> None:
    # audit_record itself is the one place allowed to create the row.
    outside = [
        f"{path.relative_to(SRC)}:{function.name}"
        for path, function, _call, atomic in _audit_calls()
        if not atomic
    ]
    assert outside == []


def test_a_refused_rate_leaves_no_rate_and_no_audit_entry(cast: Any) -> None:
    with pytest.raises(ValidationError):
        recognition.rate_set(
            organisation=cast.org,
            by=cast.coordinator,
            session_kind="workshop",
            details={"pence_per_hour": -5},
        )
    assert not Rate.objects.filter(organisation=cast.org, session_kind="workshop").exists()
    assert not AuditEvent.objects.filter(action=AuditAction.RECOGNITION_RATE).exists()


def test_refused_limits_leave_no_limits_and_no_audit_entry(cast: Any) -> None:
    with pytest.raises(ValidationError):
        recognition.caps_set(
            person=cast.coproducer, by=cast.coordinator, weekly_pence=-1, yearly_pence=None
        )
    assert not Caps.objects.filter(person=cast.coproducer).exists()
    assert not AuditEvent.objects.filter(action=AuditAction.RECOGNITION_CAPS).exists()


def test_the_person_page_says_what_happened_in_words_not_codes(cast: Any, client_for: Any) -> None:
    recognition.caps_set(
        person=cast.coproducer, by=cast.coordinator, weekly_pence=5000, yearly_pence=None
    )
    page = client_for(cast.coordinator).get(f"/orgs/acme/people/{cast.coproducer.pk}/")
    text = page.content.decode()
    assert "Limits to protect benefits set" in text
    assert "recognition.caps" not in text
