"""The metadata file of a rendered document (``--meta``, YAML or JSON): who
issues it, its number, place, date, signer and recipients, and what each kind
needs besides (the plan's body, the decision's căn cứ and articles …).

Every key the kind needs is checked at once: one :class:`DataError` names the
file and every missing or unknown key, so a typo never renders a blank.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Mapping

import yaml

from ..datafile import parse_yaml, yaml_problem
from ..errors import DataError
from ..readers.sheets import parse_date

KINDS = ("plan", "decision", "report", "apology", "reminder")

_COMMON_REQUIRED = ("issuing_body", "number", "place", "date", "signature", "recipients")
_COMMON_OPTIONAL = ("parent_body", "issuer_name", "kind")
REQUIRED: Mapping[str, tuple[str, ...]] = {
    "plan": ("subject", "issuer_name"),
    "decision": ("subject", "issuer_name", "authority_heading", "legal_bases", "articles", "plan"),
    "report": ("subject",),
    "apology": ("issuer_name",),
    "reminder": ("issuer_name",),
}
OPTIONAL: Mapping[str, tuple[str, ...]] = {
    "plan": ("body", "appendix_title"),
    "decision": ("proposal",),
    "report": ("plan_reference", "as_of", "body"),
    "apology": (),
    "reminder": ("reply_by", "paragraphs"),
}
_PLAN_KEYS = ("subject", "body", "appendix_title")
_SIGNATURE_KEYS = ("authority", "title", "name")


@dataclass(frozen=True)
class Signature:
    """The signature block: authority lines ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ
    TỊCH"), the signer's title ("PHÓ CHỦ TỊCH") and name."""

    title: str
    name: str
    authority: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    """A part of the body the clerk writes: a title, its paragraphs, sub-parts."""

    title: str
    paragraphs: tuple[str, ...] = ()
    subsections: tuple[Section, ...] = ()


@dataclass(frozen=True)
class Meta:
    kind: str
    source: str
    issuing_body: str
    number: str
    place: str
    date: date
    signature: Signature
    recipients: tuple[str, ...]
    parent_body: str | None = None
    issuer_name: str | None = None
    subject: str | None = None
    body: tuple[Section, ...] = ()
    appendix_title: str | None = None
    authority_heading: str | None = None
    legal_bases: tuple[str, ...] = ()
    proposal: str | None = None
    articles: tuple[str, ...] = ()
    plan_subject: str | None = None
    plan_body: tuple[Section, ...] = ()
    plan_appendix_title: str | None = None
    plan_reference: str | None = None
    as_of: date | None = None
    reply_by: date | None = None
    paragraphs: tuple[str, ...] = ()


def load_meta(path: str | Path, kind: str) -> Meta:
    """Read and check the metadata file for a document of ``kind``."""
    path = Path(path)
    try:
        text = path.read_text("utf-8-sig")
    except OSError as exc:
        raise DataError(f"{path}: cannot read the metadata file: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise DataError(f"{path}: the metadata file is not UTF-8 text ({exc})") from exc
    try:
        raw = json.loads(text) if path.suffix.lower() == ".json" else parse_yaml(text)
    except json.JSONDecodeError as exc:
        raise DataError(f"{path}: not valid JSON: {exc}") from exc
    except yaml.YAMLError as exc:
        raise DataError(f"{path}: not valid YAML: {yaml_problem(exc)}") from exc
    return parse_meta(raw, kind, str(path))


def parse_meta(raw: Any, kind: str, source: str = "<meta>") -> Meta:
    if kind not in KINDS:
        raise DataError(f"unknown document kind {kind!r}; expected one of {', '.join(KINDS)}")
    if not isinstance(raw, dict):
        raise DataError(f"{source}: expected a mapping of keys, found {type(raw).__name__}")
    allowed = _COMMON_REQUIRED + _COMMON_OPTIONAL + REQUIRED[kind] + OPTIONAL[kind]
    problems = [f"missing key {k!r}" for k in _COMMON_REQUIRED + REQUIRED[kind] if _blank(raw.get(k))]
    problems += [f"unknown key {k!r}" for k in raw if k not in allowed]
    if raw.get("kind") not in (None, kind):
        problems.append(f"the file is for kind {raw['kind']!r}, not {kind!r}")
    signature = raw.get("signature")
    if isinstance(signature, dict):
        problems += [f"missing key 'signature.{k}'" for k in ("title", "name") if _blank(signature.get(k))]
        problems += [f"unknown key 'signature.{k}'" for k in signature if k not in _SIGNATURE_KEYS]
    elif signature is not None:
        problems.append("'signature' must be a mapping with authority, title, name")
    plan = raw.get("plan")
    if kind == "decision" and isinstance(plan, dict):
        problems += ["missing key 'plan.subject'"] if _blank(plan.get("subject")) else []
        problems += [f"unknown key 'plan.{k}'" for k in plan if k not in _PLAN_KEYS]
    elif kind == "decision" and plan is not None:
        problems.append("'plan' must be a mapping with subject, body, appendix_title")
    if problems:
        raise DataError(f"{source}: metadata for a {kind}: " + "; ".join(problems))
    try:
        return _build(raw, kind, source)
    except DataError as exc:
        raise DataError(f"{source}: {exc}") from exc


def _build(raw: dict[str, Any], kind: str, source: str) -> Meta:
    signature = raw["signature"]
    plan = raw.get("plan") or {}
    return Meta(
        kind=kind,
        source=source,
        issuing_body=_multiline(raw["issuing_body"], "issuing_body"),
        number=_text(raw["number"], "number"),
        place=_text(raw["place"], "place"),
        date=parse_date(raw["date"], what="date"),
        signature=Signature(title=_text(signature["title"], "signature.title"),
                            name=_text(signature["name"], "signature.name"),
                            authority=_lines(signature.get("authority"), "signature.authority")),
        recipients=_lines(raw["recipients"], "recipients"),
        parent_body=_multiline(raw["parent_body"], "parent_body") if not _blank(raw.get("parent_body")) else None,
        issuer_name=_optional(raw.get("issuer_name"), "issuer_name"),
        subject=_optional(raw.get("subject"), "subject"),
        body=_sections(raw.get("body"), "body"),
        appendix_title=_optional(raw.get("appendix_title"), "appendix_title"),
        authority_heading=_optional(raw.get("authority_heading"), "authority_heading"),
        legal_bases=_lines(raw.get("legal_bases"), "legal_bases"),
        proposal=_optional(raw.get("proposal"), "proposal"),
        articles=_lines(raw.get("articles"), "articles"),
        plan_subject=_optional(plan.get("subject"), "plan.subject"),
        plan_body=_sections(plan.get("body"), "plan.body"),
        plan_appendix_title=_optional(plan.get("appendix_title"), "plan.appendix_title"),
        plan_reference=_optional(raw.get("plan_reference"), "plan_reference"),
        as_of=parse_date(raw["as_of"], what="as_of") if not _blank(raw.get("as_of")) else None,
        reply_by=parse_date(raw["reply_by"], what="reply_by") if not _blank(raw.get("reply_by")) else None,
        paragraphs=_lines(raw.get("paragraphs"), "paragraphs"),
    )


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list, dict)) and not (value.strip() if isinstance(value, str) else value))


def _text(value: Any, key: str) -> str:
    if isinstance(value, (dict, list)):
        raise DataError(f"{key!r} must be text, found {type(value).__name__}")
    text = unicodedata.normalize("NFC", str(value)).strip()
    if not text:
        raise DataError(f"{key!r} is empty")
    return text


def _multiline(value: Any, key: str) -> str:
    """A name given as one line or as a list of lines (a long body name is
    broken where the clerk wants: "Ủy ban nhân dân" / "tỉnh An Giang")."""
    lines = _lines(value, key)
    if not lines:
        raise DataError(f"{key!r} is empty")
    return "\n".join(lines)


def _optional(value: Any, key: str) -> str | None:
    return None if _blank(value) else _text(value, key)


def _lines(value: Any, key: str) -> tuple[str, ...]:
    if _blank(value):
        return ()
    items = value if isinstance(value, list) else [value]
    return tuple(_text(item, f"{key}[{n}]") for n, item in enumerate(items, 1) if not _blank(item))


def _sections(value: Any, key: str) -> tuple[Section, ...]:
    if _blank(value):
        return ()
    if not isinstance(value, list):
        raise DataError(f"{key!r} must be a list of sections (title, paragraphs, subsections)")
    sections = []
    for n, item in enumerate(value, 1):
        where = f"{key}[{n}]"
        if not isinstance(item, dict) or _blank(item.get("title")):
            raise DataError(f"{where} must be a mapping with a title, found {item!r}")
        unknown = set(item) - {"title", "paragraphs", "subsections"}
        if unknown:
            raise DataError(f"{where}: unknown key(s) {', '.join(map(repr, sorted(unknown)))}")
        sections.append(Section(title=_text(item["title"], f"{where}.title"),
                                paragraphs=_lines(item.get("paragraphs"), f"{where}.paragraphs"),
                                subsections=_sections(item.get("subsections"), f"{where}.subsections")))
    return tuple(sections)
