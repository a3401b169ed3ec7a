"""The metadata file (--meta): every missing or unknown key named at once,
dates in both forms, names given on several lines."""

from __future__ import annotations

from datetime import date

import pytest
from render_helpers import EXAMPLES

from tthc_docs.errors import DataError
from tthc_docs.render.meta import KINDS, load_meta, parse_meta

BASE = {
    "issuing_body": "Ủy ban nhân dân tỉnh An Giang",
    "number": "242/QĐ-UBND",
    "place": "An Giang",
    "date": "24/02/2025",
    "signature": {"authority": "KT. Chủ tịch", "title": "Phó Chủ tịch", "name": "Hồ Văn Mừng"},
    "recipients": ["Như Điều 3", "Lưu: VT, TTHC"],
}


@pytest.mark.parametrize("kind", KINDS)
def test_every_example_file_loads(kind):
    meta = load_meta(EXAMPLES / f"{kind}.meta.yaml", kind)
    assert meta.kind == kind and meta.signature.name and meta.recipients


def test_example_decision_values():
    meta = load_meta(EXAMPLES / "decision.meta.yaml", "decision")
    assert (meta.number, meta.date, meta.place) == ("242/QĐ-UBND", date(2025, 2, 24), "An Giang")
    assert meta.issuing_body == "Ủy ban nhân dân\ntỉnh An Giang"
    assert meta.legal_bases[0].startswith("Căn cứ Luật Tổ chức chính quyền địa phương")
    assert len(meta.articles) == 3 and meta.plan_subject


def test_missing_keys_are_all_named():
    with pytest.raises(DataError) as caught:
        parse_meta({"number": "12/KH-UBND", "signature": {"title": "Phó Chủ tịch"}}, "plan", "plan.yaml")
    message = str(caught.value)
    assert message.startswith("plan.yaml")
    for key in ("issuing_body", "place", "'date'", "recipients", "subject", "issuer_name", "signature.name"):
        assert key in message


@pytest.mark.parametrize(("kind", "needed"), [
    ("decision", ("subject", "authority_heading", "legal_bases", "articles", "plan")),
    ("report", ("subject",)),
    ("apology", ("issuer_name",)),
])
def test_each_kind_needs_its_keys(kind, needed):
    with pytest.raises(DataError) as caught:
        parse_meta(BASE, kind)
    for key in needed:
        assert repr(key) in str(caught.value)


def test_unknown_and_misspelt_keys_are_errors():
    with pytest.raises(DataError, match=r"unknown key 'signr'.*unknown key 'signature.nam'"):
        parse_meta({**BASE, "subject": "x", "issuer_name": "y", "signr": "z",
                    "signature": {"title": "a", "name": "b", "nam": "c"}}, "plan")


def test_a_file_for_another_kind_is_refused():
    with pytest.raises(DataError, match="kind 'apology'"):
        parse_meta({**BASE, "kind": "apology", "subject": "x", "issuer_name": "y"}, "plan")


@pytest.mark.parametrize(("value", "expected"), [
    ("24/02/2025", date(2025, 2, 24)), (date(2025, 2, 24), date(2025, 2, 24)), ("2025-02-24", date(2025, 2, 24))])
def test_date_forms(value, expected):
    assert parse_meta({**BASE, "date": value, "issuer_name": "x"}, "apology").date == expected


def test_bad_date_names_the_file_and_value():
    with pytest.raises(DataError, match=r"m\.yaml.*31/02/2025"):
        parse_meta({**BASE, "date": "31/02/2025", "issuer_name": "x"}, "apology", "m.yaml")


def test_body_sections_and_multi_line_names():
    meta = parse_meta({**BASE, "subject": "S", "issuer_name": "I", "parent_body": ["Ủy ban nhân dân", "tỉnh An Giang"],
                       "body": [{"title": "Mục đích, yêu cầu", "paragraphs": ["P1"],
                                 "subsections": [{"title": "Mục đích", "paragraphs": ["P2"]}]}]}, "plan")
    assert meta.parent_body == "Ủy ban nhân dân\ntỉnh An Giang"
    assert meta.body[0].subsections[0].paragraphs == ("P2",)


@pytest.mark.parametrize("body", ["text", [{"paragraphs": ["no title"]}], [{"title": "T", "paragrahps": []}]])
def test_malformed_body_is_an_error(body):
    with pytest.raises(DataError, match="body"):
        parse_meta({**BASE, "subject": "S", "issuer_name": "I", "body": body}, "plan")


def test_unreadable_files(tmp_path):
    bad = tmp_path / "m.yaml"
    bad.write_text("issuing_body: [unclosed", encoding="utf-8")
    with pytest.raises(DataError, match="not valid YAML"):
        load_meta(bad, "plan")
    with pytest.raises(DataError, match="expected a mapping"):
        bad.write_text("- a\n- b\n", encoding="utf-8")
        load_meta(bad, "plan")
    json_file = tmp_path / "m.json"
    json_file.write_text('{"issuing_body": ', encoding="utf-8")
    with pytest.raises(DataError, match="not valid JSON"):
        load_meta(json_file, "plan")
    with pytest.raises(DataError, match="unknown document kind"):
        parse_meta(BASE, "letter")


@pytest.mark.parametrize(("line", "problem"), [
    ("x: !!python/object/apply:os.system ['true']",
     r"could not determine a constructor for the tag '[^']*python/object/apply:os.system' \(line 2, column 4\)"),
    ("x: !ma_rieng 1", r"could not determine a constructor for the tag '!ma_rieng' \(line 2, column 4\)"),
    ("x: [1, 2", r"while parsing a flow sequence [^\n]*\(line 3, column 1\)"),
])
def test_a_refused_yaml_tag_or_syntax_error_is_one_line(tmp_path, line, problem):
    from click.testing import CliRunner

    from tthc_docs.cli import main

    meta = tmp_path / "meta.yaml"
    meta.write_text(f"issuer: UBND tỉnh\n{line}\n", encoding="utf-8")
    with pytest.raises(DataError, match=rf"meta.yaml: not valid YAML: {problem}$"):
        load_meta(meta, "plan")
    table = tmp_path / "t.json"
    table.write_text('{"schema": "tthc-tasks/1", "source": "x", "tasks": []}', encoding="utf-8")
    result = CliRunner().invoke(main, ["render", "plan", str(table), "--meta", str(meta), "-o",
                                       str(tmp_path / "x.docx")])
    assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1, result.output
