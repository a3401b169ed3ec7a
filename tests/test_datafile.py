"""Tests of tthc_docs.datafile: reading a YAML vocabulary and checking its keys."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from types import SimpleNamespace

import pytest

from tthc_docs.errors import DataError
from tthc_docs import datafile
from tthc_docs.datafile import load_mapping, require


@pytest.mark.parametrize(("file_name", "key"), [("legal_refs.yaml", "type_codes"), ("targets.yaml", "units")])
def test_shipped_vocabularies_are_mappings(file_name: str, key: str) -> None:
    data = load_mapping(file_name)
    assert isinstance(data, dict) and data[key]


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in for the package, so that bad files can be read."""
    monkeypatch.setattr(datafile, "resources", SimpleNamespace(files=lambda package: tmp_path))
    (tmp_path / "data").mkdir()
    return tmp_path / "data"


def test_text_is_read_as_nfc(data_dir: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "tối thiểu")
    (data_dir / "targets.yaml").write_text(f"strong:\n  {decomposed}: '>='\n", encoding="utf-8")
    assert load_mapping("targets.yaml") == {"strong": {"tối thiểu": ">="}}


@pytest.mark.parametrize(("text", "message"), [
    ("units: [%, hồ sơ", "targets.yaml: not valid YAML"),
    ("- tối thiểu\n- không quá\n", "targets.yaml: expected a mapping at the top, found list"),
    ("", "targets.yaml: expected a mapping at the top, found NoneType"),
])
def test_a_file_that_is_no_mapping_is_a_data_error(data_dir: Path, text: str, message: str) -> None:
    (data_dir / "targets.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match=message):
        load_mapping("targets.yaml")


@pytest.mark.parametrize(("data", "kind", "expected"), [
    ({"units": ["%", "hồ sơ"]}, list, ["%", "hồ sơ"]),
    ({"units": {"ngày làm việc": "ngày"}}, dict, {"ngày làm việc": "ngày"}),
    ({"units": "Thủ tướng Chính phủ"}, str, "Thủ tướng Chính phủ"),
])
def test_require_gives_the_value(data: object, kind: type, expected: object) -> None:
    assert require("targets.yaml", data, "units", kind) == expected


@pytest.mark.parametrize(("data", "kind", "found"), [
    ({"units": []}, list, "[]"),
    ({"units": ""}, str, "''"),
    ({}, list, "None"),
    ({"units": "%"}, list, "'%'"),
    (["units"], list, "None"),
])
def test_require_names_the_file_key_and_value(data: object, kind: type, found: str) -> None:
    with pytest.raises(DataError) as error:
        require("targets.yaml", data, "units", kind)
    assert str(error.value) == f"targets.yaml: 'units' must be a non-empty {kind.__name__}, found {found}"
