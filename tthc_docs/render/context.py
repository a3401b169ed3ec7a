"""From data to template context: what each placeholder of a template receives.

A context is a plain mapping of text, lists and mappings (what a Jinja template
reads); every value is already worded the Vietnamese way (dates in words, "Số:",
upper-case titles, I/1. numbering), so templates stay free of logic a clerk would
have to understand. The placeholders are listed in the README.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from ..models import Indicator, Task, TaskTable
from ..vietnamese import date_in_words, date_short, roman, upper_vi
from .formatting import arabic, number_line, place_and_date, recipient_lines
from .meta import Meta, Section

AGENCY_SEPARATOR = "; "
# A heading that carries its own number: "I.", "2.", "3.1.", "a)", "Phần I".
_NUMBERED = re.compile(r"^\s*(?:(?:[IVXLC]+|\d+(?:\.\d+)*)[.)]|[a-zđ]\)|phần\s+\w+)", re.IGNORECASE)


def header_context(meta: Meta) -> dict[str, Any]:
    """The parts every formal document shares: header block, date, signature, Nơi nhận."""
    return {
        "parent_body": upper_vi(meta.parent_body) if meta.parent_body else "",
        "issuing_body": upper_vi(meta.issuing_body),
        "issuer_name": meta.issuer_name or " ".join(meta.issuing_body.split()),
        "number": meta.number,
        "number_line": number_line(meta.number),
        "place_date": place_and_date(meta.place, meta.date),
        "date_words": date_in_words(meta.date),
        "date_short": date_short(meta.date),
        "subject": meta.subject or "",
        "signature": {
            "authority": [upper_vi(line) for line in meta.signature.authority],
            "title": upper_vi(meta.signature.title),
            "name": meta.signature.name,
        },
        "recipients": list(recipient_lines(meta.recipients)),
    }


def body_sections(sections: Iterable[Section], first: int = 1) -> list[dict[str, Any]]:
    """Sections numbered I, II … (title upper case), sub-sections 1., 2. …"""
    return [
        {
            "heading": f"{roman(n)}. {upper_vi(section.title)}",
            "paragraphs": list(section.paragraphs),
            "subsections": [
                {"heading": f"{arabic(m)} {sub.title}", "paragraphs": list(sub.paragraphs)}
                for m, sub in enumerate(section.subsections, 1)
            ],
        }
        for n, section in enumerate(sections, first)
    ]


def agencies(names: tuple[str, ...], raw: str | None) -> str:
    """Canonical names when the NLP stage found them, else the cell as written."""
    return AGENCY_SEPARATOR.join(names) if names else (raw or "")


def task_rows(tasks: Iterable[Task]) -> list[dict[str, Any]]:
    """The appendix table: a group row (merged across the table) where the part
    or section changes, then the tasks numbered 1, 2 … within their group.

    Top-level groups (parts, or sections when there are no parts) are numbered
    I, II … unless their text is numbered already ("1. Thực hiện …")."""
    tasks = tuple(tasks)
    top = "part" if any(t.part for t in tasks) else "section"
    rows: list[dict[str, Any]] = []
    current: tuple[str | None, str | None] = (None, None)
    groups = number = 0
    for task in tasks:
        if (task.part, task.section) != current:
            for level, heading, changed in (("part", task.part, task.part != current[0]),
                                            ("section", task.section, task.section != current[1]
                                             or task.part != current[0])):
                if heading and changed:
                    if level == top:
                        groups += 1
                    numbered = level == top and not _NUMBERED.match(heading)
                    rows.append(_group_row(f"{roman(groups)}. {heading}" if numbered else heading))
            current = (task.part, task.section)
            number = 0
        number += 1
        rows.append({
            "is_group": False,
            "heading": "",
            "no": str(number),
            "content": task.content,
            "lead": agencies(task.lead, task.lead_raw),
            "coordinating": agencies(task.coordinating, task.coordinating_raw),
            "deadline": task.deadline.text if task.deadline else "",
            "product": task.product or "",
        })
    return rows


def _group_row(heading: str) -> dict[str, Any]:
    return {"is_group": True, "heading": heading, "no": "", "content": "", "lead": "", "coordinating": "",
            "deadline": "", "product": ""}


def indicator_rows(indicators: Iterable[Indicator]) -> list[dict[str, Any]]:
    return [
        {"no": str(n), "content": i.content, "unit": i.unit or "", "target": i.target or "",
         "lead": agencies(i.lead, i.lead_raw), "section": i.section or ""}
        for n, i in enumerate(indicators, 1)
    ]


def plan_context(table: TaskTable, meta: Meta) -> dict[str, Any]:
    """The plan (Kế hoạch): body sections from the metadata, the task table as its appendix."""
    context = header_context(meta)
    context.update(
        body=body_sections(meta.body),
        appendix_title=meta.appendix_title or "",
        appendix_note=f"(Kèm theo Kế hoạch số {meta.number} ngày {date_short(meta.date)} của {context['issuer_name']})",
        rows=task_rows(table.tasks),
        indicators=indicator_rows(table.indicators),
    )
    return context


def decision_context(table: TaskTable, meta: Meta) -> dict[str, Any]:
    """The decision (Quyết định) issuing a plan, with the plan attached after it."""
    context = header_context(meta)
    issued_with = f"Quyết định số {meta.number} ngày {date_short(meta.date)} của {context['issuer_name']}"
    context.update(
        authority_heading=upper_vi(meta.authority_heading or ""),
        legal_bases=list(meta.legal_bases),
        proposal=meta.proposal or "",
        articles=[{"heading": f"Điều {n}.", "text": text} for n, text in enumerate(meta.articles, 1)],
        plan={
            "subject": meta.plan_subject or "",
            "attachment_note": f"(Ban hành kèm theo {issued_with})",
            "body": body_sections(meta.plan_body),
            "appendix_title": meta.plan_appendix_title or "",
            "appendix_note": f"(Kèm theo Kế hoạch ban hành kèm theo {issued_with})",
            "rows": task_rows(table.tasks),
            "indicators": indicator_rows(table.indicators),
        },
    )
    return context
