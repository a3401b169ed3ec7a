"""Reading the late-dossier sheet a one-stop system exports (one row per dossier,
Vietnamese headers, dates as real Excel dates or "dd/mm/yyyy" text).

Columns are found by header text (``data/render.yaml``), in the first rows of
any sheet, so a title row above the table or reordered columns do not matter;
the workbook, header and date rules are those of :mod:`tthc_docs.readers.sheets`.
A row that cannot make a slip (a required field empty, a date that is not a
date, a new date not after the original one, a dossier code seen before) is
returned as a :class:`RowError` with its row number; the other rows still are
dossiers.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Mapping

from ..errors import DataError
from ..readers.safety import check_not_empty
from ..readers.sheets import find_header, parse_date, read_sheets
from ..vietnamese import date_short
from ..text.phrases import header_key
from .settings import DossierField, vocabulary

_DATE_FIELDS = ("received_on", "due_on", "new_due_on")


@dataclass(frozen=True)
class Dossier:
    """One late dossier; ``row`` is its row number in the sheet (as Excel shows it)."""

    row: int
    code: str
    applicant: str
    procedure: str
    received_on: date
    due_on: date
    new_due_on: date
    reason: str
    address: str | None = None
    phone: str | None = None
    handling_unit: str | None = None
    slip_number: str | None = None


@dataclass(frozen=True)
class RowError:
    """A row that gives no slip, and why."""

    row: int
    reason: str
    code: str | None = None

    def __str__(self) -> str:
        code = f" ({self.code})" if self.code else ""
        return f"row {self.row}{code}: {self.reason}"


@dataclass(frozen=True)
class DossierSheet:
    source: str
    sheet: str
    columns: Mapping[str, str]
    dossiers: tuple[Dossier, ...]
    errors: tuple[RowError, ...]


def read_dossiers(path: str | Path) -> DossierSheet:
    """The dossiers of the first sheet of ``path`` that has the dossier columns."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataError(f"{path}: cannot read the spreadsheet: {exc.strerror or exc}") from exc
    check_not_empty(data, str(path))
    vocab = vocabulary()
    by_header = {h: f for f in vocab.dossier_fields for h in f.headers}
    for name, rows in read_sheets(data, str(path)).items():
        found = find_header(rows, lambda text: by_header.get(header_key(text)),
                            lambda columns: len(columns) >= vocab.header_min_fields, vocab.header_search_rows)
        if found is not None:
            return _read_rows(str(path), name, rows, *found)
    wanted = ", ".join(repr(f.label) for f in vocab.dossier_fields if f.required)
    raise DataError(f"{path}: no sheet has a header row with the dossier columns ({wanted})")


def _read_rows(source: str, sheet: str, rows: list[tuple], header_index: int,
               columns: dict[int, DossierField]) -> DossierSheet:
    present = {f.key for f in columns.values()}
    absent = [f.label for f in vocabulary().dossier_fields if f.required and f.key not in present]
    if absent:
        headers = ", ".join(repr(str(v)) for v in rows[header_index] if v is not None)
        raise DataError(f"{source}, sheet {sheet!r}: no column for {', '.join(absent)} (headers found: {headers})")
    dossiers: list[Dossier] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    for offset, row in enumerate(rows[header_index + 1:], start=header_index + 2):
        values = {field.key: _cell(row[i]) if i < len(row) else None for i, field in columns.items()}
        if all(v is None for v in values.values()):
            continue
        result = _dossier(offset, values, seen)
        (errors if isinstance(result, RowError) else dossiers).append(result)
        if isinstance(result, Dossier):
            seen[result.code] = offset
    return DossierSheet(source=source, sheet=sheet,
                        columns={f.key: str(rows[header_index][i]) for i, f in columns.items()},
                        dossiers=tuple(dossiers), errors=tuple(errors))


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        text = " ".join(unicodedata.normalize("NFC", value).split())
        return text or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _dossier(row: int, values: dict[str, Any], seen: dict[str, int]) -> Dossier | RowError:
    fields = {f.key: f for f in vocabulary().dossier_fields}
    code = str(values["code"]) if values.get("code") is not None else None
    problems = [f"missing {f.label}" for f in fields.values() if f.required and values.get(f.key) is None]
    dates: dict[str, date] = {}
    for key in _DATE_FIELDS:
        value = values.get(key)
        if value is None:
            continue
        try:
            dates[key] = parse_date(value, what=fields[key].label)
        except DataError as exc:
            problems.append(str(exc))
    if {"due_on", "new_due_on"} <= dates.keys() and dates["new_due_on"] <= dates["due_on"]:
        problems.append(f"{fields['new_due_on'].label} {date_short(dates['new_due_on'])} is not after "
                        f"{fields['due_on'].label} {date_short(dates['due_on'])}")
    if {"received_on", "due_on"} <= dates.keys() and dates["received_on"] > dates["due_on"]:
        problems.append(f"{fields['received_on'].label} {date_short(dates['received_on'])} is after "
                        f"{fields['due_on'].label} {date_short(dates['due_on'])}")
    if code is not None and code in seen:
        problems.append(f"{fields['code'].label} {code} already on row {seen[code]}")
    if problems:
        return RowError(row=row, reason="; ".join(problems), code=code)

    def text(key: str) -> str | None:
        return str(values[key]) if values.get(key) is not None else None

    return Dossier(row=row, code=str(code), applicant=str(text("applicant")), procedure=str(text("procedure")),
                   received_on=dates["received_on"], due_on=dates["due_on"], new_due_on=dates["new_due_on"],
                   reason=str(text("reason")), address=text("address"), phone=text("phone"),
                   handling_unit=text("handling_unit"), slip_number=text("slip_number"))
