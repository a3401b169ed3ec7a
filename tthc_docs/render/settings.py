"""The editable data of the renderer, read once and checked.

``data/decree30.yaml``: the Decree 30/2020 format rules (page, font, sizes of each
kind of paragraph) and the words that recognise those paragraphs.
``data/render.yaml``: report categories, late-dossier columns.
``data/task_columns.yaml`` (through :mod:`tthc_docs.sheet_layout`): task statuses.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Any, Mapping

from ..datafile import load_mapping
from ..errors import DataError
from ..text.phrases import header_key
from ..sheet_layout import layout

CATEGORIES = ("done_on_time", "done_late", "in_progress", "overdue", "not_yet_due", "no_deadline")
# The statuses the report's categories are defined by (see render/report.py).
REPORTED_STATUSES = ("done", "in_progress")
ROLES = ("parent_body", "issuing_body", "national_title", "motto", "number", "place_date",
         "document_type", "body", "signature_authority", "signer_name", "recipients_heading", "recipients")
DOSSIER_FIELDS = ("code", "applicant", "procedure", "received_on", "due_on", "new_due_on", "reason",
                  "address", "phone", "handling_unit", "slip_number")


@dataclass(frozen=True)
class RoleRule:
    """What one kind of paragraph must look like; ``None`` = not checked."""

    role: str
    label: str
    size: tuple[float, float]
    bold: bool | None = None
    italic: bool | None = None
    upper: bool | None = None


@dataclass(frozen=True)
class FormatRules:
    page_mm: tuple[float, float]
    page_tolerance_mm: float
    margins_mm: Mapping[str, tuple[float, float]]
    margin_tolerance_mm: float
    font: str
    roles: Mapping[str, RoleRule]
    national_title: str
    motto: str
    number_prefix: str
    recipients_prefix: str
    document_types: tuple[str, ...]
    authority_prefixes: tuple[str, ...]
    signer_titles: tuple[str, ...]
    point_letters: tuple[str, ...]


@dataclass(frozen=True)
class Category:
    key: str
    label: str
    color: str


@dataclass(frozen=True)
class DossierField:
    key: str
    label: str
    required: bool
    headers: tuple[str, ...]


@dataclass(frozen=True)
class RenderVocabulary:
    categories: tuple[Category, ...]
    no_lead_label: str
    chart_agencies: int
    chart_others_label: str
    header_search_rows: int
    header_min_fields: int
    dossier_fields: tuple[DossierField, ...]


def _load(name: str) -> dict[str, Any]:
    return load_mapping(name)


def _need(mapping: Mapping[str, Any], key: str, where: str) -> Any:
    if not isinstance(mapping, Mapping) or key not in mapping:
        raise DataError(f"{where}: missing key {key!r}")
    return mapping[key]


def _range(value: Any, where: str) -> tuple[float, float]:
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, (int, float)) for v in value)
            and value[0] <= value[1]):
        raise DataError(f"{where}: expected [min, max], found {value!r}")
    return float(value[0]), float(value[1])


def _keys(mapping: Any, expected: tuple[str, ...], where: str) -> None:
    if not isinstance(mapping, Mapping) or set(mapping) != set(expected):
        found = sorted(mapping) if isinstance(mapping, Mapping) else mapping
        raise DataError(f"{where}: expected keys {sorted(expected)}, found {found!r}")


@cache
def task_statuses() -> tuple[str, ...]:
    """The status keys of a task (``models.Task.status``): those of
    ``data/task_columns.yaml``, which the task-table readers and writers use too."""
    keys = tuple(status.key for status in layout().statuses)
    missing = [key for key in REPORTED_STATUSES if key not in keys]
    if missing:
        raise DataError(f"task_columns.yaml statuses: the report needs {missing!r}, found {list(keys)!r}")
    return keys


@cache
def format_rules() -> FormatRules:
    """The rules in ``data/decree30.yaml``."""
    raw = _load("decree30.yaml")
    page = _need(raw, "page", "decree30.yaml")
    margins = _need(page, "margins_mm", "decree30.yaml page")
    _keys(margins, ("top", "bottom", "left", "right"), "decree30.yaml page.margins_mm")
    roles = _need(raw, "roles", "decree30.yaml")
    _keys(roles, ROLES, "decree30.yaml roles")
    rec = _need(raw, "recognise", "decree30.yaml")
    return FormatRules(
        page_mm=(float(_need(page, "width_mm", "page")), float(_need(page, "height_mm", "page"))),
        page_tolerance_mm=float(_need(page, "tolerance_mm", "page")),
        margins_mm=MappingProxyType({k: _range(v, f"margins_mm.{k}") for k, v in margins.items()}),
        margin_tolerance_mm=float(_need(page, "margin_tolerance_mm", "page")),
        font=str(_need(raw, "font", "decree30.yaml")),
        roles=MappingProxyType({
            key: RoleRule(role=key, label=str(_need(rule, "label", f"roles.{key}")),
                          size=_range(_need(rule, "size", f"roles.{key}"), f"roles.{key}.size"),
                          bold=rule.get("bold"), italic=rule.get("italic"), upper=rule.get("upper"))
            for key, rule in roles.items()
        }),
        national_title=str(_need(rec, "national_title", "recognise")),
        motto=str(_need(rec, "motto", "recognise")),
        number_prefix=str(_need(rec, "number_prefix", "recognise")),
        recipients_prefix=str(_need(rec, "recipients_prefix", "recognise")),
        document_types=tuple(str(t) for t in _need(rec, "document_types", "recognise")),
        authority_prefixes=tuple(str(t) for t in _need(rec, "authority_prefixes", "recognise")),
        signer_titles=tuple(str(t) for t in _need(rec, "signer_titles", "recognise")),
        point_letters=tuple(str(t) for t in _need(raw, "point_letters", "decree30.yaml")),
    )


@cache
def vocabulary() -> RenderVocabulary:
    """The vocabularies in ``data/render.yaml``."""
    raw = _load("render.yaml")
    categories = _need(raw, "categories", "render.yaml")
    if list(categories) != list(CATEGORIES):
        raise DataError(f"render.yaml categories: expected {list(CATEGORIES)} in this order, found {list(categories)}")
    sheet = _need(raw, "dossier_sheet", "render.yaml")
    fields = _need(sheet, "fields", "render.yaml dossier_sheet")
    _keys(fields, DOSSIER_FIELDS, "render.yaml dossier_sheet.fields")
    return RenderVocabulary(
        categories=tuple(Category(key=k, label=str(_need(v, "label", k)), color=str(_need(v, "color", k)))
                         for k, v in categories.items()),
        no_lead_label=str(_need(raw, "no_lead_label", "render.yaml")),
        chart_agencies=int(_need(raw, "chart_agencies", "render.yaml")),
        chart_others_label=str(_need(raw, "chart_others_label", "render.yaml")),
        header_search_rows=int(_need(sheet, "header_search_rows", "dossier_sheet")),
        header_min_fields=int(_need(sheet, "header_min_fields", "dossier_sheet")),
        dossier_fields=tuple(
            DossierField(key=k, label=str(_need(v, "label", k)), required=bool(_need(v, "required", k)),
                         headers=tuple(header_key(h) for h in _need(v, "headers", k)))
            for k, v in fields.items()
        ),
    )
