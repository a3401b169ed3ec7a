"""One formal document from a task table and its metadata: the plan, the
decision issuing it, the progress report. (Apology slips, a batch, are in
:mod:`.apology`.)"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..models import TaskTable
from .context import decision_context, plan_context
from .engine import CompiledTemplate, shipped_template
from .meta import Meta
from .report import chart_png, progress, report_context

TEMPLATE_FILES = {
    "plan": "ke_hoach.docx",
    "decision": "quyet_dinh.docx",
    "report": "bao_cao.docx",
    "apology": "phieu_xin_loi.docx",
}
CHART = "chart"


def load_template(kind: str, path: str | Path | None = None) -> CompiledTemplate:
    """The template given, or the one shipped for ``kind``."""
    return CompiledTemplate.load(path if path is not None else shipped_template(TEMPLATE_FILES[kind]))


def render_plan(table: TaskTable, meta: Meta, template: CompiledTemplate) -> bytes:
    return template.render(plan_context(table, meta))


def render_decision(table: TaskTable, meta: Meta, template: CompiledTemplate) -> bytes:
    return template.render(decision_context(table, meta))


def render_report(table: TaskTable, meta: Meta, as_of: date, template: CompiledTemplate) -> bytes:
    """The report as of ``as_of``; the chart fills the template's picture named
    ``chart`` (alt text), at that picture's size."""
    state = progress(table, as_of)
    slot = template.pictures.get(CHART)
    pictures = {CHART: chart_png(state, slot.width_emu, slot.height_emu)} if slot else {}
    return template.render(report_context(state, meta), pictures)
