"""The progress report (Báo cáo) on a task table as of a date: each task's
category, counts by category and by lead agency, the overdue tasks with their
days late, and a matplotlib chart of categories by agency.

Categories (``data/render.yaml``): a done task is on time unless its completion
date is after its due date; an unfinished task is overdue once its due date has
passed (the due date itself still counts as in time), in progress when its status
says so, else not yet due; an unfinished task without a due date (recurring,
conditional …) has no deadline.
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..errors import DataError
from ..models import Task, TaskTable
from ..vietnamese import date_in_words, date_short
from .context import agencies, body_sections, header_context
from .meta import Meta
from .settings import CATEGORIES, task_statuses, vocabulary

_EMU_PER_INCH = 914_400
# The report's own parts are I–III; sections from the metadata follow them.
_FIRST_META_SECTION = 4


@dataclass(frozen=True)
class TaskProgress:
    """One task's category as of the report date; ``days_late`` counts from the
    due date to the report date (overdue) or to the completion date (done late)."""

    task: Task
    category: str
    days_late: int = 0


@dataclass(frozen=True)
class AgencyProgress:
    """Tasks led by one agency, counted per category (in ``CATEGORIES`` order)."""

    agency: str
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class Progress:
    as_of: date
    tasks: tuple[TaskProgress, ...]
    counts: tuple[int, ...]
    agencies: tuple[AgencyProgress, ...]

    @property
    def overdue(self) -> tuple[TaskProgress, ...]:
        """Overdue tasks, the longest overdue first."""
        late = [t for t in self.tasks if t.category == "overdue"]
        return tuple(sorted(late, key=lambda t: -t.days_late))


def classify(task: Task, as_of: date) -> TaskProgress:
    statuses = task_statuses()
    if task.status not in (None, "", *statuses):
        raise DataError(f"task {task.id}: unknown status {task.status!r}; expected one of {', '.join(statuses)} "
                        "(or empty)")
    due = task.deadline.due if task.deadline else None
    if task.status == "done":
        if task.completed_on and due and task.completed_on > due:
            return TaskProgress(task, "done_late", (task.completed_on - due).days)
        return TaskProgress(task, "done_on_time")
    if due is None:
        return TaskProgress(task, "no_deadline")
    if due < as_of:
        return TaskProgress(task, "overdue", (as_of - due).days)
    return TaskProgress(task, "in_progress" if task.status == "in_progress" else "not_yet_due")


def lead_agencies(task: Task) -> tuple[str, ...]:
    """The canonical lead agencies. A cell in which the extractor found no agency
    ("Đã được phân công theo Kế hoạch số 243/KH-UBND") counts as no lead."""
    return task.lead or (vocabulary().no_lead_label,)


def progress(table: TaskTable, as_of: date) -> Progress:
    """Every task of ``table`` classified as of ``as_of``, with the counts."""
    tasks = tuple(classify(task, as_of) for task in table.tasks)
    index = {category: n for n, category in enumerate(CATEGORIES)}
    by_agency: dict[str, list[int]] = {}
    for item in tasks:
        for agency in lead_agencies(item.task):
            by_agency.setdefault(agency, [0] * len(CATEGORIES))[index[item.category]] += 1
    ranked = sorted(by_agency.items(), key=lambda kv: (-sum(kv[1]), kv[0]))
    return Progress(
        as_of=as_of,
        tasks=tasks,
        counts=tuple(sum(1 for t in tasks if t.category == c) for c in CATEGORIES),
        agencies=tuple(AgencyProgress(name, tuple(counts)) for name, counts in ranked),
    )


def _percent(part: int, whole: int) -> str:
    # Vietnamese writes the decimal comma: 33,3%.
    return f"{100 * part / whole:.1f}%".replace(".", ",") if whole else "0%"


def report_context(state: Progress, meta: Meta) -> dict[str, Any]:
    as_of = state.as_of
    total = len(state.tasks)
    labels = [c.label for c in vocabulary().categories]
    context = header_context(meta)
    context.update(
        plan_reference=meta.plan_reference or "",
        as_of_words=date_in_words(as_of),
        as_of_short=date_short(as_of),
        total=str(total),
        categories=[{"label": label, "count": str(count), "percent": _percent(count, total)}
                    for label, count in zip(labels, state.counts)],
        category_labels=labels,
        agencies=[{"no": str(n), "name": a.agency, "total": str(a.total), "counts": [str(c) for c in a.counts]}
                  for n, a in enumerate(state.agencies, 1)],
        overdue=[
            {"no": str(n), "content": t.task.content, "lead": agencies(t.task.lead, t.task.lead_raw),
             "deadline": t.task.deadline.text if t.task.deadline else "",
             "due": date_short(t.task.deadline.due) if t.task.deadline and t.task.deadline.due else "",
             "days_late": str(t.days_late)}
            for n, t in enumerate(state.overdue, 1)
        ],
        body=body_sections(meta.body, first=_FIRST_META_SECTION),
    )
    return context


def chart_rows(state: Progress) -> tuple[AgencyProgress, ...]:
    """The bars of the chart: the agencies with most tasks, then the rest summed
    into one bar."""
    vocab = vocabulary()
    shown = list(state.agencies[: vocab.chart_agencies])
    rest = state.agencies[vocab.chart_agencies:]
    if rest:
        summed = tuple(sum(a.counts[i] for a in rest) for i in range(len(CATEGORIES)))
        shown.append(AgencyProgress(f"{vocab.chart_others_label} ({len(rest)})", summed))
    return tuple(shown)


def chart_png(state: Progress, width_emu: int, height_emu: int, dpi: int = 150) -> bytes:
    """Stacked horizontal bars: categories of each lead agency, the agencies with
    most tasks first and the rest summed into one bar. Sized to the picture frame
    of the template so Word does not stretch it."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    vocab = vocabulary()
    shown = chart_rows(state)
    figure = Figure(figsize=(width_emu / _EMU_PER_INCH, height_emu / _EMU_PER_INCH), dpi=dpi)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    names = ["\n".join(textwrap.wrap(a.agency, 38)[:2]) for a in reversed(shown)]
    left = [0] * len(shown)
    for i, category in enumerate(vocab.categories):
        values = [a.counts[i] for a in reversed(shown)]
        axes.barh(names, values, left=left, color=category.color, label=category.label, height=0.7)
        left = [x + v for x, v in zip(left, values)]
    axes.set_xlabel("Số nhiệm vụ", fontsize=8)
    axes.tick_params(labelsize=7)
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.spines[["top", "right"]].set_visible(False)
    figure.legend(loc="lower center", ncol=3, fontsize=7, frameon=False)
    figure.tight_layout(rect=(0, 0.09, 1, 1))
    out = io.BytesIO()
    figure.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()
