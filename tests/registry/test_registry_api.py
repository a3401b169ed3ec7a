"""The Python API on real documents and a real database (each backend)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from registry_fixtures import CORPUS, SEED_001_JSON, load_seed_json

from tthc_docs.errors import DataError, InputError, StaleEditError, TthcError, UnknownKeyError
from tthc_docs.registry import Actor, Registry, Status, Via

CLERK = Actor("lan", Via.CLI)


def test_add_seed_001_stores_every_task_and_source(registry: Registry) -> None:
    seed = load_seed_json(SEED_001_JSON)
    added = registry.add(Path(SEED_001_JSON), actor=CLERK)
    assert (added.version, added.tasks, added.number, added.already_stored) == (1, len(seed.tasks), "5755/KH-UBND",
                                                                                  False)
    stored = registry.export_table(added.plan)
    assert [t.to_dict() | {"status": None} for t in stored.tasks] == [t.to_dict() for t in seed.tasks]
    assert stored.document == seed.document
    again = registry.add(Path(SEED_001_JSON), actor=CLERK)
    assert again.already_stored and again.version == 1 and len(registry.plans()) == 1


def test_corpus_documents_each_become_a_plan(registry: Registry) -> None:
    results = [registry.add(path, actor=CLERK) for path in CORPUS]
    plans = registry.plans(as_of=date(2025, 6, 30))
    assert len(plans) == len(CORPUS) == len({r.plan for r in results})
    for result, plan in zip(results, plans):
        assert plan.latest.tasks == result.tasks == sum(plan.categories.values())
        assert plan.latest.source == result.source
    assert len(registry.tasks()) == sum(r.tasks for r in results)


@pytest.mark.parametrize("query", ["Sở Y tế", "sở y tế", "SỞ Y TẾ"])
def test_agency_query_ignores_case(registry: Registry, query: str) -> None:
    registry.add(CORPUS[0], actor=CLERK)
    assert [r.key for r in registry.tasks(agency=query)] == [r.key for r in registry.tasks(agency="Sở Y tế")]


def test_update_records_history_and_refuses_stale_version(registry: Registry) -> None:
    plan = registry.add(Path(SEED_001_JSON), actor=CLERK).plan
    first = registry.tasks(plan=plan)[0]
    assert (first.status, first.version) == (Status.NOT_STARTED, 1)
    done = registry.update_task(first.key, expected_version=1, actor=Actor("minh", Via.WEB),
                                changes={"status": "Đã hoàn thành", "completed_on": "15/07/2021", "note": "Xong"})
    assert (done.status, done.completed_on, done.note, done.version) == (Status.DONE, date(2021, 7, 15), "Xong", 2)
    with pytest.raises(StaleEditError, match=first.key) as refused:
        registry.update_task(first.key, expected_version=1, changes={"status": "in_progress"}, actor=CLERK)
    assert isinstance(refused.value, TthcError)
    assert registry.task(first.key).status == Status.DONE
    history = registry.history(first.key)
    assert [(c.field, c.old, c.new, c.via, c.user) for c in history] == [
        ("task", None, "added in version 1", Via.EXTRACTION, "lan"),
        ("status", "not_started", "done", Via.WEB, "minh"),
        ("completed_on", None, "2021-07-15", Via.WEB, "minh"),
        ("note", None, "Xong", Via.WEB, "minh"),
    ]


def test_deadline_edit_is_parsed_again(registry: Registry) -> None:
    plan = registry.add(Path(SEED_001_JSON), actor=CLERK).plan
    task = registry.tasks(plan=plan)[0]
    edited = registry.update_task(task.key, expected_version=task.version, changes={"deadline": "Quý III/2022"},
                                  actor=CLERK)
    assert (edited.task.deadline.kind, edited.task.deadline.due) == ("period", date(2022, 9, 30))
    assert registry.tasks(plan=plan, overdue=True, as_of=date(2022, 10, 1), text=task.task.content[:30])


def test_lead_edit_moves_the_task_between_agencies(registry: Registry) -> None:
    plan = registry.add(Path(SEED_001_JSON), actor=CLERK).plan
    task = next(t for t in registry.tasks(plan=plan) if "Sở Tư pháp" not in t.task.lead)
    registry.update_task(task.key, expected_version=task.version, changes={"lead": "Sở Tư pháp"}, actor=CLERK)
    assert task.key in {r.key for r in registry.tasks(agency="Sở Tư pháp")}
    assert registry.task(task.key).task.lead == ("Sở Tư pháp",)


@pytest.mark.parametrize("changes, error, words", [
    ({"priority": "high"}, UnknownKeyError, "priority"),
    ({"status": "xong rồi nhé"}, DataError, "xong rồi nhé"),
    ({"completed_on": "31/02/2025"}, DataError, "31/02/2025"),
    ({"content": "   "}, DataError, "content"),
])
def test_bad_edits_are_refused_and_change_nothing(registry: Registry, changes, error, words) -> None:
    plan = registry.add(Path(SEED_001_JSON), actor=CLERK).plan
    task = registry.tasks(plan=plan)[0]
    with pytest.raises(error, match=words):
        registry.update_task(task.key, expected_version=task.version, changes=changes, actor=CLERK)
    assert registry.task(task.key) == task
    assert len(registry.history(task.key)) == 1


@pytest.mark.parametrize("call", [
    lambda r: r.history("P99-1"),
    lambda r: r.update_task("P99-1", expected_version=1, changes={}, actor=CLERK),
    lambda r: r.export_table(42),
    lambda r: r.tasks(plan="9999/KH-UBND"),
])
def test_unknown_keys_and_plans_are_named(registry: Registry, call) -> None:
    with pytest.raises(UnknownKeyError, match="P99-1|42|9999/KH-UBND"):
        call(registry)


def test_bad_file_stores_nothing(registry: Registry, tmp_path: Path) -> None:
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"PK\x03\x04 not really a docx")
    with pytest.raises(InputError):
        registry.add(bad, actor=CLERK)
    with pytest.raises(InputError, match="missing.txt"):
        registry.add(tmp_path / "missing.txt", actor=CLERK)
    assert registry.plans() == ()


def test_filters_compose(registry: Registry) -> None:
    for path in CORPUS:
        registry.add(path, actor=CLERK)
    as_of = date(2025, 6, 30)
    every = registry.tasks(as_of=as_of)
    overdue = registry.tasks(overdue=True, as_of=as_of)
    assert overdue and {r.key for r in overdue} == {r.key for r in every if r.category == "overdue"}
    soon = registry.tasks(due_within=184, as_of=as_of)
    assert {r.key for r in soon} == {r.key for r in every if r.task.deadline and r.task.deadline.due
                                     and as_of <= r.task.deadline.due <= date(2025, 12, 31)}
    assert registry.tasks(status="done") == ()
    text = registry.tasks(text="SỐ HÓA")
    assert text and all("số hóa" in r.task.content.casefold() for r in text)


def test_agency_progress_adds_up_the_report_of_every_plan(registry: Registry) -> None:
    from tthc_docs.render.report import progress
    from tthc_docs.render.settings import vocabulary

    for path in CORPUS:
        registry.add(path, actor=CLERK)
    as_of = date(2025, 6, 30)
    expected: dict[str, list[int]] = {}
    for plan in registry.plans():
        for agency in progress(registry.export_table(plan.id), as_of).agencies:
            if agency.agency != vocabulary().no_lead_label:
                row = expected.setdefault(agency.agency, [0] * 6)
                row[:] = [a + b for a, b in zip(row, agency.counts)]
    found = registry.agency_progress(as_of=as_of)
    assert {a.agency: list(a.counts) for a in found} == expected
    assert [a.total for a in found] == sorted((a.total for a in found), reverse=True)
