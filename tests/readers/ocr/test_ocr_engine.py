"""Without Tesseract or its Vietnamese model a scan gets a clear error naming the
Debian packages, from the API and from the command line (no traceback)."""

from __future__ import annotations

import json

import pytest
import pytesseract
from click.testing import CliRunner

from tthc_docs.cli import main
from tthc_docs.errors import MissingDependencyError
from tthc_docs.readers import read_path
from tthc_docs.readers.ocr.engine import require_tesseract

PACKAGES = "apt-get install tesseract-ocr tesseract-ocr-vie"


@pytest.fixture
def fresh_check():
    require_tesseract.cache_clear()
    yield
    require_tesseract.cache_clear()


@pytest.fixture
def no_tesseract(monkeypatch, tmp_path, fresh_check):
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(tmp_path / "no-such-tesseract"))


def test_without_tesseract_the_error_names_the_packages(no_tesseract, photo_png):
    with pytest.raises(MissingDependencyError) as caught:
        read_path(photo_png.path)
    assert "Tesseract, which was not found" in str(caught.value) and PACKAGES in str(caught.value)


def test_without_the_vietnamese_model_the_error_says_so(monkeypatch, tmp_path, fresh_check, photo_png):
    (tmp_path / "eng.traineddata").write_bytes(b"")
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))
    with pytest.raises(MissingDependencyError) as caught:
        read_path(photo_png.path)
    assert "no Vietnamese model ('vie' is not among eng)" in str(caught.value) and PACKAGES in str(caught.value)


def test_the_command_line_reports_a_missing_tesseract_without_a_traceback(no_tesseract, photo_png):
    result = CliRunner().invoke(main, ["extract", str(photo_png.path)])
    assert result.exit_code != 0
    assert PACKAGES in result.output and "Traceback" not in result.output


def test_the_command_line_extracts_a_photo(photo_png):
    result = CliRunner().invoke(main, ["extract", str(photo_png.path)])
    assert result.exit_code == 0, result.output
    tasks = json.loads(result.output)["tasks"]
    assert [t["id"] for t in tasks] == [t.id.removeprefix("I.") for t in photo_png.source_tasks]
    assert all(t["source"]["page"] == 1 and t["source"]["ocr_confidence"] > 50 for t in tasks)
