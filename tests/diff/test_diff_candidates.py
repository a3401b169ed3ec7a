"""Past ``exact_pairs``, only candidate pairs are compared: they must find what
comparing every pair finds. The plans are built from the reviewed seed tables
and from clauses of the seed documents (tasks that share clauses, the hard case
for choosing candidates), then redrafted the way reviewers redraft: synonyms,
clauses in another order, a word changed, deadlines moved, agencies changed."""

from __future__ import annotations

import random
import re
from dataclasses import replace
from datetime import timedelta

import pytest
from diff_fixtures import EXTRACT, SEEDS, load_seed_json

from tthc_docs.diff.candidates import candidate_pairs
from tthc_docs.diff.match import match_tasks
from tthc_docs.diff.normal import match_key
from tthc_docs.diff.settings import settings
from tthc_docs.models import Deadline, Task

# Wordings a redraft swaps for one another.
SYNONYMS = [
    ("tổ chức", "triển khai"), ("tăng cường", "đẩy mạnh"), ("thủ tục hành chính", "TTHC"),
    ("Ủy ban nhân dân", "UBND"), ("kịp thời", "đúng thời hạn"), ("nâng cao", "cải thiện"),
    ("hướng dẫn", "chỉ đạo"), ("rà soát", "kiểm tra, rà soát"), ("thực hiện", "triển khai thực hiện"),
    ("cơ quan, đơn vị", "các cơ quan, đơn vị"), ("người dân, doanh nghiệp", "tổ chức, cá nhân"),
]
OTHER_AGENCIES = ["Sở Tư pháp", "Sở Nội vụ", "Văn phòng Ủy ban nhân dân tỉnh", "Công an tỉnh", "Sở Tài chính"]


def _synonym(rng: random.Random, text: str) -> str:
    found = [(a, b) for pair in SYNONYMS for a, b in (pair, pair[::-1]) if a.lower() in text.lower()]
    if not found:
        return text
    a, b = rng.choice(found)
    return re.sub(re.escape(a), b, text, count=1, flags=re.IGNORECASE)


def _reorder(rng: random.Random, text: str) -> str:
    clauses = text.split(", ")
    if len(clauses) < 3:
        return text
    k = rng.randrange(len(clauses) - 1)
    clauses[k], clauses[k + 1] = clauses[k + 1], clauses[k]
    return ", ".join(clauses)


def _word(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    words[rng.randrange(len(words))] = rng.choice(["kịp thời", "hiệu quả", "đồng bộ"])
    return " ".join(words)


def _later(deadline: Deadline | None) -> Deadline:
    if deadline is None or deadline.due is None:
        return Deadline(text="Quý IV/2026")
    due = deadline.due + timedelta(days=90)
    return Deadline(text=f"Trước ngày {due:%d/%m/%Y}", kind=deadline.kind, due=due)


def redraft(tasks: list[Task], seed: int) -> list[Task]:
    """Each task reworded by one to three edits of a reviewer, some also re-dated
    or re-assigned; one in twenty dropped and one in twenty new."""
    rng = random.Random(seed)
    new = []
    for t in tasks:
        roll = rng.random()
        if roll < 0.05:
            continue
        content = t.content
        for edit in rng.sample([_synonym, _reorder, _word], rng.randrange(1, 4)):
            content = edit(rng, content)
        t = replace(t, content=content)
        if roll < 0.15:
            t = replace(t, deadline=_later(t.deadline))
        elif roll < 0.25:
            t = replace(t, lead=(rng.choice(OTHER_AGENCIES),))
        new.append(t)
        if roll > 0.95:
            new.append(replace(rng.choice(tasks), content=", ".join(rng.sample(_clauses(), 2))))
    return [replace(t, id=str(i + 1)) for i, t in enumerate(new)]


def _clauses() -> list[str]:
    """Clauses of the seed documents (5–16 words)."""
    found = set()
    for path in SEEDS:
        for clause in re.split(r"[,;.:\n\t|()]+", path.read_text("utf-8")):
            words = clause.split()
            if 5 <= len(words) <= 16:
                found.add(" ".join(words))
    return sorted(found)


def seed_tasks() -> list[Task]:
    """Every task of the reviewed seed tables, sections told apart by table."""
    tasks = []
    for path in sorted(EXTRACT.glob("*.json")):
        table = load_seed_json(path)
        tasks += [replace(t, section=f"{path.stem}: {t.section}") for t in table.tasks]
    return tasks


def clause_tasks(count: int, seed: int) -> list[Task]:
    """Tasks of two or three clauses of the seeds: many share a clause."""
    rng = random.Random(seed)
    clauses = _clauses()
    seeds = seed_tasks()
    return [replace(rng.choice(seeds), id=f"c{i}", content=", ".join(rng.sample(clauses, rng.randrange(2, 4))))
            for i in range(count)]


def _agreement(old: list[Task], new: list[Task]) -> tuple[float, int]:
    exhaustive = match_tasks(old, new)
    pruned = match_tasks(old, new, replace(settings().matching, exact_pairs=1))
    full = {(p.old, p.new) for p in exhaustive.pairs}
    sparse = {(p.old, p.new) for p in pruned.pairs}
    assert (pruned.splits, pruned.merges) == (exhaustive.splits, exhaustive.merges)
    return len(full & sparse) / len(full | sparse), len(full)


@pytest.mark.parametrize("build, seed", [
    (lambda: seed_tasks(), 1),
    (lambda: seed_tasks(), 2),
    (lambda: clause_tasks(400, 3), 3),
    (lambda: seed_tasks() + clause_tasks(300, 4), 4),
], ids=["seed tables", "seed tables, other edits", "shared clauses", "both"])
def test_candidates_pair_what_comparing_every_pair_pairs(build, seed):
    old = build()
    new = redraft(old, seed)
    agreement, pairs = _agreement(old, new)
    assert pairs >= 0.85 * len(old)  # the redraft is recognisable: there is something to agree on
    assert agreement >= 0.99


def test_a_split_is_found_among_candidates():
    old = seed_tasks()
    whole = max(range(len(old)), key=lambda i: len(old[i].content.split(", ")))
    clauses = old[whole].content.split(", ")
    half = len(clauses) // 2
    new = (old[:whole] + [replace(old[whole], content=", ".join(clauses[:half])),
                          replace(old[whole], content=", ".join(clauses[half:]))] + old[whole + 1:])
    new = redraft(new, 5)
    pruned = match_tasks(old, new, replace(settings().matching, exact_pairs=1))
    assert [g.old for g in pruned.splits] == [(whole,)] and len(pruned.splits[0].new) == 2


def test_each_text_keeps_its_best_candidates_both_ways():
    old = [match_key(t.content) for t in clause_tasks(60, 6)]
    new = [match_key(t.content) for t in redraft(clause_tasks(60, 6), 6)]
    found = candidate_pairs(old, new, 3)
    assert all(sum(a == i for a, _ in found) >= 3 for i in range(len(old)))
    assert all(sum(b == j for _, b in found) >= 3 for j in range(len(new)))
    assert len(found) < 6 * max(len(old), len(new))


def test_texts_written_alike_get_candidates_near_their_place():
    """A block of near-identical tasks: equal similarity is broken by position,
    so every task has its counterpart among its candidates, as the exhaustive
    assignment pairs them."""
    old = ["tổ chức thực hiện kế hoạch"] * 50
    new = ["tổ chức thực hiện tốt kế hoạch"] * 50
    found = set(candidate_pairs(old, new, 2))
    assert all((i, i) in found for i in range(50))
    assert all(abs(i - j) <= 2 for i, j in found)


@pytest.mark.parametrize("old_count, new_count", [(30, 30), (30, 40), (40, 30)])
def test_equal_scores_are_paired_in_order_by_both_passes(old_count, new_count):
    """Tasks written alike (every pair scores the same): the full matrix and the
    candidates both pair them in order, as near in relative position as can be
    (where two partners are equally near, either may be taken)."""
    old = [Task(id=str(i), content="Tổ chức thực hiện Kế hoạch", lead=("Sở Nội vụ",)) for i in range(old_count)]
    new = [Task(id=str(i), content="Tổ chức thực hiện tốt Kế hoạch", lead=("Sở Nội vụ",)) for i in range(new_count)]
    exhaustive = [(p.old, p.new) for p in match_tasks(old, new).pairs]
    pruned = [(p.old, p.new) for p in match_tasks(old, new, replace(settings().matching, exact_pairs=1)).pairs]

    def gap(pairs: list[tuple[int, int]]) -> float:
        return sum(abs((i + 0.5) / old_count - (j + 0.5) / new_count) for i, j in pairs)

    for pairs in (exhaustive, pruned):
        assert len(pairs) == min(old_count, new_count)
        assert [j for _, j in pairs] == sorted(j for _, j in pairs)
    assert gap(pruned) == pytest.approx(gap(exhaustive)) and gap(exhaustive) <= 0.5


def test_nothing_to_compare():
    assert candidate_pairs([], ["a"], 5) == [] and candidate_pairs(["a"], [], 5) == []
