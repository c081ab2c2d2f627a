"""The database's own guard on the ledger.

Triggers refuse UPDATE and DELETE of postings and transactions on both
databases. Only two things may ever delete ledger rows: wiping a whole database
(`flush`, used between tests, and `coproduce restore`), and they say so with
`maintenance()`. On SQLite the triggers ask a function this module installs on
each connection; a connection without it (the sqlite3 shell, say) is refused.
On PostgreSQL they read the session setting `coproduce.ledger_maintenance`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connections

_unlocked = 0

SQLITE_FUNCTION = "coproduce_ledger_unlocked"
REFUSAL = "Ledger rows cannot be changed or deleted. Post a reversal instead."
GUARDED_TABLES = ("ledger_posting", "ledger_transaction")


def install_sqlite_function(raw_connection: Any) -> None:
    raw_connection.create_function(SQLITE_FUNCTION, 0, lambda: 1 if _unlocked else 0)


@contextmanager
def maintenance(using: str = "default") -> Iterator[None]:
    """Allow deleting ledger rows, for wiping a whole database only."""
    global _unlocked
    connection = connections[using]
    _unlocked += 1
    try:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('coproduce.ledger_maintenance', 'on', false)")
        yield
    finally:
        _unlocked -= 1
        if connection.vendor == "postgresql" and connection.connection is not None:
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('coproduce.ledger_maintenance', 'off', false)")


SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER IF NOT EXISTS {table}_no_update BEFORE UPDATE ON {table}
BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"""
    for table in GUARDED_TABLES
] + [
    f"""CREATE TRIGGER IF NOT EXISTS {table}_no_delete BEFORE DELETE ON {table}
WHEN NOT {SQLITE_FUNCTION}()
BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"""
    for table in GUARDED_TABLES
]

POSTGRES_TRIGGERS = [
    f"""CREATE OR REPLACE FUNCTION ledger_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('coproduce.ledger_maintenance', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '{REFUSAL}' USING ERRCODE = 'integrity_constraint_violation';
END $$""",
    # Checked at commit, once every posting of the transaction is in.
    """CREATE OR REPLACE FUNCTION ledger_check_balanced() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    total bigint;
    units integer;
BEGIN
    SELECT COALESCE(SUM(p.amount), 0), COUNT(DISTINCT a.unit) INTO total, units
    FROM ledger_posting p JOIN ledger_account a ON a.id = p.account_id
    WHERE p.transaction_id = NEW.transaction_id;
    IF total <> 0 OR units > 1 THEN
        RAISE EXCEPTION 'Ledger transaction % does not balance in one unit.', NEW.transaction_id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$""",
    *[
        f"""CREATE OR REPLACE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table}
FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()"""
        for table in GUARDED_TABLES
    ],
    """DROP TRIGGER IF EXISTS ledger_posting_balanced ON ledger_posting""",
    """CREATE CONSTRAINT TRIGGER ledger_posting_balanced AFTER INSERT ON ledger_posting
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_balanced()""",
]

EXPECTED_TRIGGERS = {
    "sqlite": {f"{t}_no_update" for t in GUARDED_TABLES}
    | {f"{t}_no_delete" for t in GUARDED_TABLES},
    "postgresql": {f"{t}_no_change" for t in GUARDED_TABLES} | {"ledger_posting_balanced"},
}


def install_triggers(connection: Any) -> None:
    statements = SQLITE_TRIGGERS if connection.vendor == "sqlite" else POSTGRES_TRIGGERS
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def installed_triggers(connection: Any) -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name LIKE 'ledger_%'"
            )
        else:
            cursor.execute(
                "SELECT DISTINCT tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE c.relname LIKE 'ledger_%' AND NOT t.tgisinternal"
            )
        return {row[0] for row in cursor.fetchall()}


def remove_triggers(connection: Any) -> None:
    with connection.cursor() as cursor:
        for name in sorted(EXPECTED_TRIGGERS[connection.vendor]):
            if connection.vendor == "sqlite":
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            else:
                table = "ledger_posting" if "posting" in name else "ledger_transaction"
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
