"""``tthc registry calendar``: the .ics parses with icalendar, one event per dated
deadline, UIDs stable across exports, recurring deadlines of seed 002 as RRULEs."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from registry_fixtures import CORPUS, EXTRACT

from tthc_docs.cli import main

SEED_002 = next(p for p in CORPUS if p.name.startswith("an-giang-2025"))
SEED_002_JSON = EXTRACT / "an-giang-2025-quyet-dinh-242-ke-hoach-kiem-soat-tthc.json"


def run(*args: str) -> str:
    result = CliRunner().invoke(main, ["registry", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def events(path: Path):
    from icalendar import Calendar

    return Calendar.from_ical(path.read_bytes()).walk("VEVENT")


@pytest.fixture
def seed_002_calendar(db_url: str, tmp_path: Path):
    run("add", str(SEED_002), "--db", db_url)
    out = tmp_path / "han.ics"
    run("calendar", "--plan", "242/QĐ-UBND", "-o", str(out), "--db", db_url)
    return db_url, out, json.loads(SEED_002_JSON.read_text(encoding="utf-8"))["tasks"]


def test_one_event_per_dated_deadline(seed_002_calendar) -> None:
    _, out, tasks = seed_002_calendar
    dated = [t for t in tasks if t["deadline"] and t["deadline"]["due"] and not t["deadline"]["recurrence"]]
    single = [e for e in events(out) if not e.get("rrule") and "-m" not in str(e["uid"])]
    assert len(single) == len(dated)
    assert sorted(e.decoded("dtstart") for e in single) == sorted(date.fromisoformat(t["deadline"]["due"])
                                                                   for t in dated)
    for event in single:
        assert (event.decoded("dtend") - event.decoded("dtstart")).days == 1
        assert "242/QĐ-UBND" in str(event["description"])


@pytest.mark.parametrize("wording, rule", [
    ("Hàng tháng", {"FREQ": ["MONTHLY"], "INTERVAL": [1], "BYMONTHDAY": [-1]}),
    ("Ngày 05 hàng tháng", {"FREQ": ["MONTHLY"], "INTERVAL": [1], "BYMONTHDAY": [5]}),
    ("Hàng quý", {"FREQ": ["MONTHLY"], "INTERVAL": [3], "BYMONTHDAY": [-1]}),
    ("Hàng tuần", {"FREQ": ["WEEKLY"], "INTERVAL": [1]}),
    ("Định kỳ 06 tháng/ 01 lần", {"FREQ": ["MONTHLY"], "INTERVAL": [6], "BYMONTHDAY": [-1]}),
])
def test_recurring_deadlines_are_rrules(seed_002_calendar, wording: str, rule: dict) -> None:
    _, out, tasks = seed_002_calendar
    contents = {" ".join(t["content"].split()) for t in tasks if t["deadline"] and t["deadline"]["text"] == wording}
    assert contents
    found = [e for e in events(out) if " ".join(str(e["description"]).split("\n")[0].split()) in contents]
    assert len(found) == len(contents)
    for event in found:
        assert dict(event["rrule"]) == rule
        first = event.decoded("dtstart")
        assert first >= date(2025, 2, 24)  # the decision's date
        if rule.get("BYMONTHDAY") == [5]:
            assert first == date(2025, 3, 5)
        if rule["FREQ"] == ["MONTHLY"] and rule["INTERVAL"] == [3]:
            assert first == date(2025, 3, 31)


def test_every_recurring_deadline_of_seed_002_is_an_rrule(seed_002_calendar) -> None:
    _, out, tasks = seed_002_calendar
    recurring = [t for t in tasks if t["deadline"] and t["deadline"]["kind"] == "recurring"]
    # "Định kỳ/đột xuất" (periodic or as needed) names no period: nothing to repeat
    scheduled = [t for t in recurring if t["deadline"]["recurrence"]]
    assert len(recurring) - len(scheduled) == 1
    assert len([e for e in events(out) if e.get("rrule")]) == len(scheduled)
    # the appendix tables alone hold eleven; the decision's body adds its own monthly reports
    assert len([t for t in scheduled if t["origin"] == "table"]) == 11


def test_milestones_are_events_of_their_own(seed_002_calendar) -> None:
    _, out, tasks = seed_002_calendar
    expected = sorted(date.fromisoformat(m["due"]) for t in tasks if t["deadline"]
                      for m in t["deadline"]["milestones"] if m["due"] != t["deadline"]["due"])
    milestones = [e for e in events(out) if "-m" in str(e["uid"])]
    assert expected and sorted(e.decoded("dtstart") for e in milestones) == expected
    assert all(str(e["summary"]).startswith("Mốc: ") for e in milestones)


def test_uids_are_the_same_across_exports(seed_002_calendar, tmp_path: Path) -> None:
    db_url, out, _ = seed_002_calendar
    key = json.loads(run("list", "--format", "json", "--db", db_url))[0]["key"]
    run("set", key, "--status", "in_progress", "--db", db_url)
    again = tmp_path / "lan-2.ics"
    run("calendar", "-o", str(again), "--db", db_url)
    first, second = events(out), events(again)
    assert [str(e["uid"]) for e in first] == [str(e["uid"]) for e in second]
    assert len({str(e["uid"]) for e in first}) == len(first)
    changed = next(e for e in second if str(e["uid"]).startswith(f"{key}@") or str(e["uid"]).startswith(f"{key}-"))
    assert changed["sequence"] == 2


def test_agency_filter(db_url: str, tmp_path: Path) -> None:
    run("add", str(SEED_002), "--db", db_url)
    out = tmp_path / "so-tu-phap.ics"
    run("calendar", "--agency", "Sở Tư pháp", "-o", str(out), "--db", db_url)
    listed = json.loads(run("list", "--agency", "Sở Tư pháp", "--format", "json", "--db", db_url))
    keys = {t["key"] for t in listed}
    assert keys and {str(e["uid"]).split("@")[0].split("-r")[0].split("-m")[0] for e in events(out)} <= keys
