"""The metadata form of a rendered document: prefilled from the stored
document's header, turned back into the mapping ``render.meta.parse_meta``
checks (so the form and ``--meta`` files obey one set of rules)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from ..models import DocumentInfo
from ..render.meta import Meta, parse_meta

KINDS = {"plan": "Kế hoạch", "decision": "Quyết định ban hành kế hoạch", "report": "Báo cáo tiến độ"}
# Every field of the form; which of them a kind sends is in KIND_FIELDS.
COMMON = ("issuing_body", "parent_body", "number", "place", "date", "signature_authority", "signature_title",
          "signature_name", "recipients")
KIND_FIELDS = {
    "plan": ("issuer_name", "subject", "body", "appendix_title"),
    "decision": ("issuer_name", "subject", "authority_heading", "legal_bases", "proposal", "articles",
                 "plan_subject", "plan_appendix_title"),
    "report": ("subject", "as_of", "plan_reference", "body"),
}
_PLAN_KINDS = ("ke_hoach", "phu_luc")


def _dmy(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def prefill(kind: str, document: DocumentInfo, today: date) -> dict[str, str]:
    """What the form starts with: the stored document's issuer, place, signer,
    and for a plan stored as a plan, its own number, date and subject."""
    issuer = document.issuer or ""
    own = kind == "plan" and document.kind in _PLAN_KINDS
    reference = " ".join(p for p in (
        f"Kế hoạch số {document.number}" if document.number else "Kế hoạch",
        f"ngày {_dmy(document.date)}" if document.date else "", f"của {issuer}" if issuer else "") if p)
    values = {field: "" for field in COMMON + tuple(f for fields in KIND_FIELDS.values() for f in fields)}
    values.update(
        issuing_body=issuer, issuer_name=issuer, place=document.place or "",
        number=(document.number or "") if own else "",
        date=_dmy(document.date) if own and document.date else _dmy(today),
        signature_name=document.signer or "", recipients="Như trên;\nLưu: VT.",
        subject=document.title or "" if kind == "plan" else "",
        plan_subject=document.title or "",
        as_of=_dmy(today), plan_reference=reference,
    )
    if kind == "decision" and document.title:
        values["subject"] = f"Về việc ban hành Kế hoạch {document.title[0].lower()}{document.title[1:]}"
    if kind == "report" and document.title:
        values["subject"] = f"Tình hình thực hiện Kế hoạch {document.title[0].lower()}{document.title[1:]}"
    return values


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _sections(text: str) -> list[dict[str, Any]]:
    """Blocks separated by a blank line: the first line is the title, the others its paragraphs."""
    blocks, current = [], []
    for line in text.splitlines() + [""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append({"title": current[0], "paragraphs": current[1:]})
            current = []
    return blocks


def to_meta(kind: str, values: Mapping[str, str]) -> Meta:
    """The form's values as a checked :class:`Meta`; a DataError names every missing key."""
    get = lambda key: (values.get(key) or "").strip()  # noqa: E731
    raw: dict[str, Any] = {
        "issuing_body": _lines(get("issuing_body")), "number": get("number"), "place": get("place"),
        "date": get("date"), "recipients": _lines(get("recipients")),
        "signature": {"authority": _lines(get("signature_authority")), "title": get("signature_title"),
                      "name": get("signature_name")},
    }
    if get("parent_body"):
        raw["parent_body"] = _lines(get("parent_body"))
    for field in KIND_FIELDS[kind]:
        if field in ("body",):
            raw["body"] = _sections(values.get("body") or "")
        elif field in ("legal_bases", "articles"):
            raw[field] = _lines(get(field))
        elif field.startswith("plan_") and field != "plan_reference":
            raw.setdefault("plan", {})[field.removeprefix("plan_")] = get(field)
        elif get(field):
            raw[field] = get(field)
    return parse_meta(raw, kind, "biểu mẫu")
