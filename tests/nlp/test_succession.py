from __future__ import annotations

from datetime import date

import pytest

from tthc_docs.errors import DataError
from tthc_docs.models import Succession
from tthc_docs.nlp.succession import SuccessionRule, migrate_names, resolve_succession, successor_of

MARCH_2025 = date(2025, 3, 1)
JULY_2025 = date(2025, 7, 1)
IN_2026 = date(2026, 1, 15)


# The 2025 reorganisation (domain notes): old name, date, successors, needs_review.
@pytest.mark.parametrize(("old", "as_of", "new", "review"), [
    ("Sở Thông tin và Truyền thông", MARCH_2025, ("Sở Khoa học và Công nghệ",), False),
    ("Sở Kế hoạch và Đầu tư", MARCH_2025, ("Sở Tài chính",), False),
    ("Sở Giao thông vận tải", MARCH_2025, ("Sở Xây dựng",), False),
    ("Sở Tài nguyên và Môi trường", MARCH_2025, ("Sở Nông nghiệp và Môi trường",), False),
    ("Sở Nông nghiệp và Phát triển nông thôn", MARCH_2025, ("Sở Nông nghiệp và Môi trường",), False),
    ("Sở Lao động – Thương binh và Xã hội", MARCH_2025, ("Sở Nội vụ",), False),
    ("Bộ Thông tin và Truyền thông", MARCH_2025, ("Bộ Khoa học và Công nghệ",), False),
    ("Bộ Kế hoạch và Đầu tư", IN_2026, ("Bộ Tài chính",), False),
    ("Ủy ban Dân tộc", MARCH_2025, ("Bộ Dân tộc và Tôn giáo",), False),
    ("Ban Dân tộc tỉnh", MARCH_2025, ("Sở Dân tộc và Tôn giáo", "Sở Nội vụ"), True),
    ("Ủy ban nhân dân cấp huyện", JULY_2025, ("Ủy ban nhân dân cấp xã", "Ủy ban nhân dân tỉnh"), True),
    ("Văn phòng Ủy ban nhân dân cấp huyện", JULY_2025, (), True),
    ("Phòng Tư pháp cấp huyện", IN_2026, (), True),
])
def test_2025_reorganisation(old, as_of, new, review):
    succession = successor_of(old, as_of)
    assert succession is not None
    assert (succession.old, succession.new, succession.needs_review) == (old, new, review)
    assert succession.effective is not None and succession.effective <= as_of


@pytest.mark.parametrize(("name", "as_of"), [
    ("Sở Thông tin và Truyền thông", date(2025, 2, 28)),  # the day before the merger
    ("Ủy ban nhân dân cấp huyện", date(2025, 6, 30)),
    ("Sở Y tế", IN_2026),  # still exists
    ("Sở Khoa học và Công nghệ", IN_2026),  # the successor itself
    ("Ủy ban nhân dân cấp xã", IN_2026),
    ("Trung tâm Công nghệ thông tin", IN_2026),  # not in the gazetteer
])
def test_no_succession_while_the_agency_exists(name, as_of):
    assert successor_of(name, as_of) is None


@pytest.mark.parametrize("written", ["Sở TT&TT", "Sở Thông tin truyền thông", "sở thông tin và truyền thông tỉnh"])
def test_any_wording_of_the_old_name(written):
    succession = successor_of(written, IN_2026)
    assert succession is not None and succession.old == "Sở Thông tin và Truyền thông"
    assert succession.new == ("Sở Khoa học và Công nghệ",)


def test_basis_is_given():
    assert "45/2025/NĐ-CP" in successor_of("Sở Kế hoạch và Đầu tư", IN_2026).basis
    assert "72/2025/QH15" in successor_of("Ủy ban nhân dân cấp huyện", IN_2026).basis


def test_chain_in_the_real_table():
    # Sở Bưu chính, Viễn thông → Sở Thông tin và Truyền thông (2008) → Sở Khoa học và Công nghệ (2025).
    assert successor_of("Sở Bưu chính, Viễn thông", date(2020, 1, 1)).new == ("Sở Thông tin và Truyền thông",)
    late = successor_of("Sở Bưu chính, Viễn thông", IN_2026)
    assert late.new == ("Sở Khoa học và Công nghệ",)
    assert late.effective == MARCH_2025
    assert "13/2008/NĐ-CP" in late.basis and "45/2025/NĐ-CP" in late.basis


def _rule(old, new, day, review=False, basis=None):
    return SuccessionRule(old=old, new=tuple(new), effective=day, basis=basis, needs_review=review)


CHAIN = (
    _rule("A", ["B"], date(2020, 1, 1), basis="QĐ 1"),
    _rule("B", ["C", "D"], date(2022, 1, 1), basis="QĐ 2"),
    _rule("D", ["E"], date(2024, 1, 1)),
    _rule("E", [], date(2025, 1, 1), review=True),
)


@pytest.mark.parametrize(("name", "as_of", "expected"), [
    ("A", date(2019, 12, 31), None),
    ("A", date(2020, 1, 1), Succession("A", ("B",), date(2020, 1, 1), "QĐ 1")),
    ("A", date(2023, 1, 1), Succession("A", ("C", "D"), date(2022, 1, 1), "QĐ 1; QĐ 2")),
    ("A", date(2024, 6, 1), Succession("A", ("C", "E"), date(2024, 1, 1), "QĐ 1; QĐ 2")),
    ("A", date(2025, 6, 1), Succession("A", ("C",), date(2025, 1, 1), "QĐ 1; QĐ 2", needs_review=True)),
    ("B", date(2023, 1, 1), Succession("B", ("C", "D"), date(2022, 1, 1), "QĐ 2")),
    ("C", date(2030, 1, 1), None),
])
def test_chains_are_resolved_as_of_the_date(name, as_of, expected):
    assert resolve_succession(name, as_of, CHAIN) == expected


def test_a_loop_in_the_rules_is_a_data_error():
    rules = (_rule("A", ["B"], date(2020, 1, 1)), _rule("B", ["A"], date(2020, 1, 1)))
    with pytest.raises(DataError, match="loop"):
        resolve_succession("A", date(2021, 1, 1), rules)


def test_migrate_names_substitutes_and_reports():
    names = ("Sở Tài nguyên và Môi trường", "Sở Nông nghiệp và Phát triển nông thôn", "Sở Y tế",
             "Ủy ban nhân dân cấp huyện", "Sở TT&TT", "Trung tâm Công nghệ thông tin")
    new, changes = migrate_names(names, IN_2026)
    assert new == ("Sở Nông nghiệp và Môi trường", "Sở Y tế", "Ủy ban nhân dân cấp huyện",
                   "Sở Khoa học và Công nghệ", "Trung tâm Công nghệ thông tin")
    assert [(c.old, c.needs_review) for c in changes] == [
        ("Sở Tài nguyên và Môi trường", False), ("Sở Nông nghiệp và Phát triển nông thôn", False),
        ("Ủy ban nhân dân cấp huyện", True), ("Sở Thông tin và Truyền thông", False)]


def test_migrate_names_before_the_reorganisation_changes_nothing():
    names = ("Sở Thông tin và Truyền thông", "Ủy ban nhân dân cấp huyện")
    assert migrate_names(names, date(2024, 11, 1)) == (names, ())


def test_migrate_names_of_nothing():
    assert migrate_names((), IN_2026) == ((), ())
