"""Working days (ngày làm việc): counting them in the Vietnamese calendar (deadline text is
parsed by :mod:`tthc_docs.nlp.deadlines`).

A working day is a Monday to Friday that is not a public holiday, or a weekend day the
government has swapped into a working day (e.g. Saturday 26/04/2025, worked so that
02/05/2025 could be a day off). Holidays come from the ``holidays`` package's Vietnam
calendar (Labour Code 2019, art. 112), which has the five days of Tết (Lunar New Year),
Hùng Kings' day, 30/4, 1/5, National Day 2/9 with its adjacent day, and the yearly swaps
decided by the government. Checked for 2024–2026: Tết is 08–14/02/2024, 27/01–01/02/2025
and 16–20/02/2026; National Day is 02–03/09/2024, 01–02/09/2025 and 01–02/09/2026.

What the calendar lacks: swaps the government has not announced yet when the installed
``holidays`` release was made (update the package each year), local holidays, and
anything outside 1901–2100, where it has no lunar calendar; for those years the functions
raise :class:`~tthc_docs.errors.DataError` rather than silently skipping Tết.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import holidays

from .errors import DataError

__all__ = ["add_working_days", "is_working_day", "working_days_between"]

_DAY = timedelta(days=1)


@cache
def _calendar() -> holidays.HolidayBase:
    return holidays.country_holidays("VN")


def _check_year(d: date) -> None:
    cal = _calendar()
    if not cal.start_year <= d.year <= cal.end_year:
        raise DataError(f"no Vietnamese holiday calendar for {d.isoformat()}: "
                        f"working days are known for {cal.start_year}–{cal.end_year} only")


def is_working_day(d: date) -> bool:
    """Whether ``d`` is a working day: not a weekend (unless swapped in) nor a public holiday."""
    _check_year(d)
    cal = _calendar()
    if d in cal:  # also loads the year, and with it the year's weekend swaps
        return False
    return d.weekday() < 5 or d in cal.weekend_workdays


def add_working_days(start: date, n: int) -> date:
    """The day ``n`` working days after ``start``: "trong 05 ngày làm việc kể từ ngày tiếp
    nhận" is ``add_working_days(received, 5)``. ``start`` itself is not counted, and
    ``n == 0`` gives ``start`` back unchanged."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise DataError(f"the number of working days must be a whole number, 0 or more, not {n!r}")
    _check_year(start)
    day = start
    while n > 0:
        day += _DAY
        n -= is_working_day(day)
    return day


def working_days_between(a: date, b: date) -> int:
    """The number of working days after ``a`` up to and including ``b``; negative when ``b``
    is before ``a``. For a working day ``b`` after ``a``,
    ``add_working_days(a, working_days_between(a, b)) == b``."""
    if b < a:
        return -working_days_between(b, a)
    _check_year(a)
    _check_year(b)
    return sum(is_working_day(a + k * _DAY) for k in range(1, (b - a).days + 1))
