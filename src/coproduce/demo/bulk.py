"""Fast, plain inserts for generated data: rows are tuples, ids are given by us.

The generator writes millions of rows, so it skips model instances. Each `Table`
knows its model's columns; rows get their ids here (counting on from the table's
highest id), so one row can point at another before either is written. Values that
need converting for the database (dates, times, JSON, decimals) go through the
field's own conversion. SQLite takes `executemany`; PostgreSQL takes `COPY`.
Sequences are moved past the new ids at the end (`reset_sequences`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models
from django.utils import timezone

_CONVERTED = {"DateTimeField", "DateField", "JSONField", "DecimalField", "UUIDField"}


class Table:
    def __init__(self, model: type[models.Model], columns: Sequence[str]) -> None:
        self.model = model
        self.given = list(columns)
        meta = model._meta
        fields = {f.attname: f for f in meta.concrete_fields}
        unknown = set(self.given) - set(fields)
        if unknown:
            raise ValueError(f"{meta.label} has no column {sorted(unknown)}")
        pk = meta.pk
        assert pk is not None
        # Columns the generator leaves out take their default, worked out once.
        self.defaults = tuple(
            (name, _default(field))
            for name, field in fields.items()
            if name not in self.given and field is not pk
        )
        names = [pk.attname, *self.given, *(name for name, _ in self.defaults)]
        self.converters: list[Callable[[Any], Any] | None] = [
            self._converter(fields[name]) for name in names
        ]
        self.column_sql = ", ".join(connection.ops.quote_name(fields[n].column) for n in names)
        self.rows: list[tuple[Any, ...]] = []
        self.written = 0
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT COALESCE(MAX({connection.ops.quote_name(pk.column)}), 0) "  # noqa: S608
                f"FROM {connection.ops.quote_name(meta.db_table)}"
            )
            self.next_id = int(cursor.fetchone()[0]) + 1

    @staticmethod
    def _converter(field: models.Field[Any, Any]) -> Callable[[Any], Any] | None:
        if field.get_internal_type() not in _CONVERTED:
            return None

        def convert(value: Any) -> Any:
            return None if value is None else field.get_db_prep_save(value, connection)

        return convert

    def add(self, *values: Any) -> int:
        """Queue one row (values in the order the columns were given); return its id."""
        row_id = self.next_id
        self.next_id += 1
        self.rows.append((row_id, *values, *(value for _, value in self.defaults)))
        return row_id

    def flush(self) -> int:
        """Write the queued rows; return how many."""
        if not self.rows:
            return 0
        rows = self._converted(self.rows)
        table = connection.ops.quote_name(self.model._meta.db_table)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                raw = cursor.cursor
                with raw.copy(f"COPY {table} ({self.column_sql}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(self.converters))
                cursor.executemany(
                    f"INSERT INTO {table} ({self.column_sql}) VALUES ({marks})",  # noqa: S608
                    rows,
                )
        count = len(self.rows)
        self.written += count
        self.rows = []
        return count

    def _converted(self, rows: Iterable[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        converters = self.converters
        if not any(converters):
            return list(rows)
        return [
            tuple(
                value if convert is None else convert(value)
                for convert, value in zip(converters, row, strict=True)
            )
            for row in rows
        ]


def _default(field: models.Field[Any, Any]) -> Any:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return timezone.now()
    return field.get_default()


def reset_sequences(model_list: Iterable[type[models.Model]]) -> None:
    """Move PostgreSQL's id sequences past the ids the tables were given."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(model_list))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
