"""Tests of tthc_docs.workdays: working days (ngày làm việc) in the Vietnamese calendar."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tthc_docs.workdays import add_working_days, is_working_day, working_days_between
from tthc_docs.errors import DataError

D = date.fromisoformat

# Days off decided for 2024–2026 (Tết, Hùng Kings, 30/4–1/5, National Day) and the
# Saturdays swapped into working days.
HOLIDAYS = [
    "2024-01-01",
    *(f"2024-02-{d:02d}" for d in range(8, 15)),  # Tết Giáp Thìn, 08–14/02/2024
    "2024-04-18", "2024-04-29", "2024-04-30", "2024-05-01",
    "2024-09-02", "2024-09-03",
    "2025-01-01",
    *(f"2025-01-{d:02d}" for d in range(27, 32)), "2025-02-01",  # Tết Ất Tỵ; 29/01/2025 is mùng 1
    "2025-04-07", "2025-04-30", "2025-05-01", "2025-05-02",
    "2025-09-01", "2025-09-02",
    *(f"2026-02-{d:02d}" for d in range(16, 21)),  # Tết Bính Ngọ
    "2026-09-01", "2026-09-02",
]
WORKING = ["2024-02-15", "2024-05-04", "2024-09-04", "2025-01-24", "2025-02-03", "2025-04-26", "2025-09-03",
           "2026-02-23", "2026-09-03"]
WEEKEND = ["2025-01-25", "2025-02-02", "2025-08-30", "2025-08-31", "2026-02-14", "2026-02-22"]


@pytest.mark.parametrize("day", HOLIDAYS + WEEKEND)
def test_holidays_and_weekends_are_not_working_days(day: str) -> None:
    assert not is_working_day(D(day))


@pytest.mark.parametrize("day", WORKING)
def test_working_days(day: str) -> None:
    assert is_working_day(D(day))


@pytest.mark.parametrize(("start", "n", "expected"), [
    ("2025-01-24", 0, "2025-01-24"),
    ("2025-01-25", 0, "2025-01-25"),  # n = 0 is the start itself, working day or not
    ("2025-01-24", 1, "2025-02-03"),  # Friday before Tết → Monday after
    ("2025-01-23", 5, "2025-02-06"),
    ("2025-01-20", 10, "2025-02-10"),
    ("2025-08-29", 1, "2025-09-03"),  # over the weekend and National Day 01–02/09
    ("2024-08-30", 1, "2024-09-04"),
    ("2025-04-25", 1, "2025-04-26"),  # Saturday 26/04/2025 was worked in place of 02/05
    ("2025-04-29", 2, "2025-05-06"),
    ("2025-12-31", 3, "2026-01-06"),
    ("2024-12-27", 15, "2025-01-20"),
])
def test_add_working_days(start: str, n: int, expected: str) -> None:
    assert add_working_days(D(start), n) == D(expected)


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("2025-01-24", "2025-02-07", 5),
    ("2025-02-07", "2025-01-24", -5),
    ("2025-01-24", "2025-01-24", 0),
    ("2025-08-29", "2025-09-05", 3),
    ("2025-01-01", "2025-12-31", 250),  # 261 weekdays − 1/1 − 11 weekday holidays + Saturday 26/4
])
def test_working_days_between(a: str, b: str, expected: int) -> None:
    assert working_days_between(D(a), D(b)) == expected


@pytest.mark.parametrize("n", [-1, -30])
def test_negative_count_is_a_data_error(n: int) -> None:
    with pytest.raises(DataError, match=str(n)):
        add_working_days(D("2025-01-24"), n)


@pytest.mark.parametrize("n", [1.5, "3", True])
def test_count_must_be_a_whole_number(n: object) -> None:
    with pytest.raises(DataError, match=repr(n).replace(".", r"\.")):
        add_working_days(D("2025-01-24"), n)  # type: ignore[arg-type]


@pytest.mark.parametrize("day", ["1899-12-29", "2101-01-03"])
def test_days_outside_the_holiday_calendar_are_a_data_error(day: str) -> None:
    with pytest.raises(DataError, match=day):
        is_working_day(D(day))


def test_counting_past_the_holiday_calendar_is_a_data_error() -> None:
    with pytest.raises(DataError, match="2101-01-01"):
        add_working_days(D("2100-12-20"), 30)


@settings(max_examples=60, deadline=1000)
@given(st.dates(D("2020-01-01"), D("2030-12-31")), st.integers(0, 120))
def test_adding_and_counting_agree(start: date, n: int) -> None:
    end = add_working_days(start, n)
    assert working_days_between(start, end) == n
    if n:  # the n-th working day itself, not a later day with the same count
        assert is_working_day(end)
        assert working_days_between(start, end - timedelta(days=1)) == n - 1
