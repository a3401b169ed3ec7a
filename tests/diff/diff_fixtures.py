"""Shared material of the diff tests: the seeds, the reviewed seed tables, and a
second version of seed 001 made with edits known in advance."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pytest

from tthc_docs.models import Deadline, Task, TaskTable

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "corpus").glob("*.txt"))
EXTRACT = ROOT / "extract"
SEED_001_JSON = EXTRACT / "ke-hoach-5755-2021-phu-luc-nhiem-vu-468.json"
SEED_002_JSON = EXTRACT / "an-giang-2025-quyet-dinh-242-ke-hoach-kiem-soat-tthc.json"
ROMAN = {"Năm 2021": "I", "Năm 2022": "II", "Năm 2023 - 2025": "III"}


def load_seed_json(path: Path) -> TaskTable:
    """A reviewed seed table; they are committed, so a missing one fails the tests."""
    from tthc_docs.readers.tasktable import load_task_table

    if not path.exists():
        pytest.fail(f"the reviewed seed table {path} is missing")
    return load_task_table(path)


def task(tasks: tuple[Task, ...], task_id: str) -> Task:
    return next(t for t in tasks if t.id == task_id)


def renumber(tasks: list[Task]) -> tuple[Task, ...]:
    """Number the tasks "I.1", "I.2", … within each section, as a redraft would."""
    counters: dict[str | None, int] = {}
    out = []
    for t in tasks:
        counters[t.section] = counters.get(t.section, 0) + 1
        out.append(replace(t, id=f"{ROMAN[t.section]}.{counters[t.section]}"))
    return tuple(out)


# Two tasks the new version adds, in the wording of such plans.
NEW_TRAINING = ("Tổ chức tập huấn nghiệp vụ kiểm soát thủ tục hành chính cho cán bộ, công chức làm việc "
                "tại Bộ phận Một cửa các cấp")
NEW_SURVEY = ("Khảo sát, đo lường mức độ hài lòng của người dân, doanh nghiệp đối với việc giải quyết "
              "thủ tục hành chính trên môi trường điện tử")
# Where seed 001's task I.2 is cut in two.
SPLIT_AT = "; Đảm bảo tỷ lệ DVC"


@dataclass(frozen=True)
class Derived:
    """A second version of seed 001 and what a correct diff must report. Old tasks
    are named by their id in seed 001, new ones by their text."""

    table: TaskTable
    removed: tuple[str, ...]
    added: tuple[str, ...]
    split: tuple[str, tuple[str, ...]]
    modified: dict[str, tuple[str, ...]]
    shifts: dict[str, int]


def _deadline(text: str, due: date) -> Deadline:
    return Deadline(text=text, kind="period", due=due)


def derive_seed_001(seed: TaskTable) -> Derived:
    """Seed 001 with: 2 tasks added, 1 removed, 3 deadlines changed, 1 lead changed,
    1 coordinating agency added, 2 tasks lightly reworded, 1 task moved to another
    section (and so renumbered), 1 task split in two; the rest renumbered around them."""
    tasks = {t.id: t for t in seed.tasks}
    edited = dict(tasks)
    edited["I.1"] = replace(tasks["I.1"], deadline=_deadline("Tháng 6/2021", date(2021, 6, 30)))
    edited["I.5"] = replace(tasks["I.5"], deadline=_deadline("Quý I/2022", date(2022, 3, 31)))
    edited["I.6"] = replace(tasks["I.6"], deadline=_deadline("Quý III/2021", date(2021, 9, 30)))
    edited["I.7"] = replace(tasks["I.7"], lead=("Sở Nội vụ",), lead_raw="Sở Nội vụ")
    edited["I.8"] = replace(tasks["I.8"], coordinating=tasks["I.8"].coordinating + ("Sở Tư pháp",),
                            coordinating_raw=f"{tasks['I.8'].coordinating_raw}; Sở Tư pháp")
    edited["I.13"] = replace(tasks["I.13"], content=tasks["I.13"].content.replace("các các", "các"))
    edited["II.6"] = replace(tasks["II.6"], content=tasks["II.6"].content.replace(
        "Thực hiện đánh giá", "Tổ chức đánh giá"))
    head, tail = tasks["I.2"].content.split(SPLIT_AT)
    pieces = (f"{head}.", f"{SPLIT_AT[2:]}{tail}")
    order: list[Task] = []
    for t in seed.tasks:
        if t.id == "I.10" or t.id == "I.23":
            continue
        if t.id == "I.2":
            order += [replace(t, content=piece) for piece in pieces]
            continue
        order.append(edited[t.id])
        if t.id == "I.3":
            order.append(replace(t, content=NEW_TRAINING))
        if t.id == "II.9":
            order.append(replace(tasks["I.23"], section="Năm 2022"))
        if t.id == "III.8":
            order.append(replace(t, content=NEW_SURVEY, lead=("Văn phòng UBND tỉnh",),
                                 lead_raw="Văn phòng UBND tỉnh"))
    return Derived(
        table=replace(seed, source="ke-hoach-5755-du-thao-2.json", tasks=renumber(order)),
        removed=("I.10",),
        added=(NEW_TRAINING, NEW_SURVEY),
        split=("I.2", pieces),
        modified={"I.1": ("deadline",), "I.5": ("deadline",), "I.6": ("deadline",), "I.7": ("lead",),
                  "I.8": ("coordinating",), "I.13": ("content",), "II.6": ("content",),
                  "I.23": ("position",)},
        shifts={"I.1": 30, "I.5": 90, "I.6": -92},
    )
