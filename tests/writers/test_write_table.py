"""Choosing a writer: formats, suffixes, unknown names."""

from __future__ import annotations

import pytest

from tthc_docs.errors import DataError
from tthc_docs.writers import FORMATS, format_for, suffix_for, write_table


def test_formats():
    assert FORMATS == ("json", "csv", "xlsx", "md")


@pytest.mark.parametrize("fmt, suffix", [("json", ".json"), ("csv", ".csv"), ("xlsx", ".xlsx"), ("md", ".md"),
                                         ("XLSX", ".xlsx"), (".csv", ".csv")])
def test_suffix_for(fmt, suffix):
    assert suffix_for(fmt) == suffix


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_writes_bytes(plan, empty, fmt):
    assert isinstance(write_table(plan, fmt), bytes)
    assert write_table(empty, fmt)


@pytest.mark.parametrize("fmt", ["docx", "excel", ""])
def test_unknown_format_names_it_and_the_choices(plan, fmt):
    with pytest.raises(DataError) as err:
        write_table(plan, fmt)
    assert repr(fmt) in str(err.value) and "json, csv, xlsx, md" in str(err.value)
    with pytest.raises(DataError):
        suffix_for(fmt)


@pytest.mark.parametrize("path, fmt", [("ra/ke-hoach-5755.xlsx", "xlsx"), ("Bảng nhiệm vụ.JSON", "json"),
                                       ("out.csv", "csv"), ("README.md", "md"), ("notes.markdown", "md")])
def test_format_for(path, fmt):
    assert format_for(path) == fmt


@pytest.mark.parametrize("path", ["ke-hoach.docx", "ke-hoach"])
def test_format_for_unknown_suffix(path):
    with pytest.raises(DataError, match="suffix"):
        format_for(path)
