"""Reading the late-dossier sheet a one-stop system exports (one row per dossier,
Vietnamese headers, dates as real Excel dates or "dd/mm/yyyy" text).

Columns are found by header text (``data/render.yaml``), in the first rows of
any sheet, so a title row above the table or reordered columns do not matter.
Headers are matched loosely (:func:`tthc_docs.text.headers.match_headers`:
extra or missing words, another order, no diacritics, abbreviations), each field
paired with one column; a required field without a column, or with two columns
about as likely, is an error listing the headers found and the closest ones, and
the caller may name a field's column by hand (``columns``). The workbook and
date rules are those of :mod:`tthc_docs.readers.sheets`.
A row that cannot make a slip (a required field empty, a date that is not a
date, a new date not after the original one, a dossier code seen before) is
returned as a :class:`RowError` with its row number and its problems, each a
:class:`DossierProblem` worded by :func:`tthc_docs.wording.say` (English for the
command line, Vietnamese for the web); the other rows still are dossiers.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any, Mapping

from ..errors import DataError, DateDetail, DateProblem, ErrorDetail, ErrorKind
from ..text.headers import FieldSpec, HeaderMatch, describe, fold_header, match_headers
from ..readers.safety import check_not_empty
from ..readers.sheets import parse_date, read_sheets
from ..vietnamese import date_short
from ..wording import Language, say
from .settings import vocabulary

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


class ProblemKind(StrEnum):
    """Why a row gives no slip (besides a date that is not one, a :class:`DateProblem`)."""

    MISSING = "missing"
    NOT_AFTER = "not_after"
    AFTER = "after"
    DUPLICATE = "duplicate"
    TEMPLATE_MISFIT = "template_misfit"


@dataclass(frozen=True)
class DossierProblem:
    """One problem of a row: ``field`` (its label) has ``value``, which clashes
    with ``other`` (a field label) at ``other_value`` (a date, or the row a code
    is already on); ``reason`` is the underlying error's own words."""

    kind: ProblemKind | DateProblem
    field: str = ""
    value: object = ""
    other: str = ""
    other_value: str = ""
    reason: str = ""

    @classmethod
    def of_date(cls, detail: DateDetail) -> DossierProblem:
        return cls(detail.kind, field=detail.field, value=detail.value, reason=detail.reason)


@dataclass(frozen=True)
class RowError:
    """A row that gives no slip, and why."""

    row: int
    problems: tuple[DossierProblem, ...]
    code: str | None = None

    def said(self, language: Language = Language.ENGLISH) -> str:
        """The problems in ``language``, "; "-separated."""
        return "; ".join(say(problem, language) for problem in self.problems)

    @property
    def reason(self) -> str:
        return self.said()

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


def read_dossiers(path: str | Path, *, columns: Mapping[str, str] | None = None) -> DossierSheet:
    """The dossiers of the first sheet of ``path`` that has the dossier columns.

    ``columns`` maps a field key (``code``, ``new_due_on`` …, or its label) to the
    header of its column, for headers the matcher cannot place."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataError(f"{path}: cannot read the spreadsheet: {exc.strerror or exc}") from exc
    return dossiers_from_bytes(data, str(path), columns=columns)


def dossiers_from_bytes(data: bytes, source: str, *, columns: Mapping[str, str] | None = None) -> DossierSheet:
    """Like :func:`read_dossiers` for a workbook in memory (an upload); ``source``
    names it in messages."""
    manual = _manual_columns(columns or {})
    check_not_empty(data, source)
    vocab = vocabulary()
    seen: list[str] = []
    for name, rows in read_sheets(data, source).items():
        for index, row in enumerate(rows[:vocab.header_search_rows]):
            match = match_headers(row, vocab.dossier_fields, manual=manual)
            if len(match.columns) >= vocab.header_min_fields:
                return _read_rows(source, name, rows, index, match)
        seen.append(name)
    wanted = ", ".join(repr(f.label) for f in vocab.dossier_fields if f.required)
    raise DataError(f"{source}: no sheet has a header row with the dossier columns ({wanted}) in its first "
                    f"{vocab.header_search_rows} rows; sheets: {', '.join(map(repr, seen))}",
                    detail=ErrorDetail(ErrorKind.NO_HEADER_ROW, source, names=wanted))


def _manual_columns(columns: Mapping[str, str]) -> dict[str, str]:
    """``columns`` keyed by field key, a label given instead of a key resolved."""
    fields = vocabulary().dossier_fields
    by_name = {**{f.key: f.key for f in fields}, **{fold_header(f.label): f.key for f in fields}}
    manual = {}
    for name, header in columns.items():
        key = by_name.get(name) or by_name.get(fold_header(name))
        if key is None:
            known = ", ".join(f"{f.key} ({f.label})" for f in fields)
            raise DataError(f"--columns {name}={header}: {name!r} is not a dossier field; fields: {known}")
        manual[key] = header
    return manual


def _read_rows(source: str, sheet: str, rows: list[tuple], header_index: int, match: HeaderMatch) -> DossierSheet:
    if not match.ok:
        headers = ", ".join(repr(str(v).strip()) for v in rows[header_index] if v is not None)
        problems = "; ".join(filter(None, (describe(match.missing, "no column for"),
                                           describe(match.ambiguous, "two columns fit"))))
        lacking = ", ".join(repr(p.field.label) for p in (*match.missing, *match.ambiguous))
        raise DataError(f"{source}, sheet {sheet!r}, row {header_index + 1}: {problems}; headers found: {headers}. "
                        "Name the column with --columns FIELD=HEADER",
                        detail=ErrorDetail(ErrorKind.MISSING_COLUMNS, source, names=lacking, sheet=sheet))
    fields = {f.key: f for f in vocabulary().dossier_fields}
    columns: dict[int, FieldSpec] = {i: fields[key] for i, key in match.columns.items()}
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
    problems = [DossierProblem(ProblemKind.MISSING, f.label) for f in fields.values()
                if f.required and values.get(f.key) is None]
    dates: dict[str, date] = {}
    for key in _DATE_FIELDS:
        value = values.get(key)
        if value is None:
            continue
        try:
            dates[key] = parse_date(value, what=fields[key].label)
        except DataError as exc:
            if not isinstance(exc.detail, DateDetail):
                raise
            problems.append(DossierProblem.of_date(exc.detail))

    def clash(kind: ProblemKind, key: str, other: str) -> DossierProblem:
        return DossierProblem(kind, fields[key].label, date_short(dates[key]),
                              fields[other].label, date_short(dates[other]))

    if {"due_on", "new_due_on"} <= dates.keys() and dates["new_due_on"] <= dates["due_on"]:
        problems.append(clash(ProblemKind.NOT_AFTER, "new_due_on", "due_on"))
    if {"received_on", "due_on"} <= dates.keys() and dates["received_on"] > dates["due_on"]:
        problems.append(clash(ProblemKind.AFTER, "received_on", "due_on"))
    if code is not None and code in seen:
        problems.append(DossierProblem(ProblemKind.DUPLICATE, fields["code"].label, code,
                                       other_value=str(seen[code])))
    if problems:
        return RowError(row=row, problems=tuple(problems), code=code)

    def text(key: str) -> str | None:
        return str(values[key]) if values.get(key) is not None else None

    return Dossier(row=row, code=str(code), applicant=str(text("applicant")), procedure=str(text("procedure")),
                   received_on=dates["received_on"], due_on=dates["due_on"], new_due_on=dates["new_due_on"],
                   reason=str(text("reason")), address=text("address"), phone=text("phone"),
                   handling_unit=text("handling_unit"), slip_number=text("slip_number"))
