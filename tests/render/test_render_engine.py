"""The rendering engine: safety (sandbox, autoescape, literal data), every
missing placeholder named, docxtpl's tag syntax, pictures, combined documents,
and the same output as the plain docxtpl loop."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile

import pytest
from docx import Document
from docxtpl import DocxTemplate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from render_helpers import full_text, make_template, open_docx, paragraphs, png, rewrite

from tthc_docs.errors import InputError, TemplateError
from tthc_docs.render.engine import (
    CompiledTemplate,
    body_bounds,
    sandboxed_environment,
    shipped_template,
)

HOSTILE = '{{ 7*7 }} <b> & "x"'


def compiled(*texts: str, **kwargs) -> CompiledTemplate:
    return CompiledTemplate(make_template(*texts, **kwargs), "test.docx")


@pytest.mark.parametrize("value", [
    HOSTILE,
    "Công ty TNHH Thương mại O'Neil & Cộng sự",
    "{% for x in range(3) %}x{% endfor %}",
    "<w:p></w:p>]]><!-- -->",
    "Sở TT&TT; Sở KH&ĐT; LĐ-TB&XH",
    "a < b > c \"quoted\" 'single'",
])
def test_data_appears_literally(value):
    out = compiled("Kính gửi: {{ name }}").render({"name": value})
    assert paragraphs(out)[0] == f"Kính gửi: {value}"


@pytest.mark.parametrize("value", ["{_%", "{_{ x }_}", "%_}", "Mã {_{1}_}"])
def test_data_holding_docxtpl_escapes_stays_literal(value):
    # Before: the escapes were undone on the rendered XML, data included ("{_%" came out "{%").
    assert paragraphs(compiled("[{{ value }}]").render({"value": value}))[0] == f"[{value}]"


def test_template_escapes_give_literal_tags():
    out = compiled("{_{ ho_so }_} {_% if %_} {{ n }}", "Chỉ {_{ literal }_}").render({"n": "3"})
    assert paragraphs(out)[:2] == ["{{ ho_so }} {% if %} 3", "Chỉ {{ literal }}"]


def test_hostile_value_is_not_evaluated():
    text = full_text(compiled("{{ value }}").render({"value": HOSTILE}))
    assert HOSTILE in text and "49" not in text


def test_every_missing_placeholder_is_named_at_once():
    template = compiled("{{ issuer }} {{ number }}", "{{ signature.name }}",
                        "{% for r in rows %}{{ r.content }} {{ r.product }}{% endfor %}")
    with pytest.raises(TemplateError) as caught:
        template.render({"rows": [{"content": "x"}]})
    message = str(caught.value)
    for name in ("issuer", "number", "signature", "product"):
        assert name in message
    assert "content" not in message.split("placeholder(s)")[1]


def test_a_missing_attribute_of_present_data_is_named():
    with pytest.raises(TemplateError, match="phone"):
        compiled("{{ dossier.code }} {{ dossier.phone }}").render({"dossier": {"code": "H01"}})


def test_optional_values_may_be_tested_with_is_defined():
    out = compiled("{% if phone is defined %}{{ phone }}{% else %}không có{% endif %}").render({})
    assert paragraphs(out)[0] == "không có"


def test_none_prints_as_nothing():
    assert paragraphs(compiled("[{{ notes }}]").render({"notes": None}))[0] == "[]"


@pytest.mark.parametrize("expression", [
    "{{ ''.__class__.__mro__ }}",
    "{{ name.__class__.__init__.__globals__ }}",
    "{{ cycler.__init__.__globals__.os }}",
])
def test_the_sandbox_refuses_unsafe_attributes(expression):
    with pytest.raises(TemplateError, match="unsafe|__"):
        compiled(expression).render({"name": "x"})


def test_line_breaks_and_control_characters_in_data():
    out = compiled("{{ value }}").render({"value": "Dòng 1\r\nDòng 2\x0bx\x00y\x07"})
    assert paragraphs(out)[0] == "Dòng 1\nDòng 2xy"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=60))
def test_any_text_round_trips(value):
    template = _ROUND_TRIP
    expected = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    expected = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", expected)
    assert paragraphs(template.render({"value": value}))[0] == f"<{expected}>"


_ROUND_TRIP = CompiledTemplate(make_template("<{{ value }}>"), "round-trip.docx")


def test_tags_split_across_word_runs():
    document = Document()
    paragraph = document.add_paragraph()
    for piece in ("Số: {{ num", "ber }}", "/KH-UBND"):
        paragraph.add_run(piece).bold = piece.startswith("b")
    out = io.BytesIO()
    document.save(out)
    rendered = CompiledTemplate(out.getvalue(), "split.docx").render({"number": "12"})
    assert paragraphs(rendered)[0] == "Số: 12/KH-UBND"


def test_paragraph_and_row_tags_of_docxtpl():
    document = Document()
    document.add_paragraph("{%p for item in items %}")
    document.add_paragraph("{{ item }}")
    document.add_paragraph("{%p endfor %}")
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "{%tr for r in rows %}"
    table.cell(1, 0).text, table.cell(1, 1).text = "{{ r.no }}", "{{ r.content }}"
    table.cell(2, 0).text = "{%tr endfor %}"
    out = io.BytesIO()
    document.save(out)
    rendered = CompiledTemplate(out.getvalue(), "loops.docx").render(
        {"items": ["a) Một", "b) Hai"], "rows": [{"no": "1", "content": "Nhiệm vụ 1"}, {"no": "2", "content": "X"}]})
    assert [p for p in paragraphs(rendered) if p][:2] == ["a) Một", "b) Hai"]
    assert [[c.text for c in row.cells] for row in open_docx(rendered).tables[0].rows] == [
        ["1", "Nhiệm vụ 1"], ["2", "X"]]


def test_template_syntax_error_names_the_part_and_line():
    with pytest.raises(TemplateError, match=r"word/document\.xml line \d+"):
        compiled("{% for x in %}")


@pytest.mark.parametrize("data", [b"", b"plain text, not a .docx", b"PK\x03\x04 truncated"])
def test_not_a_docx_template(data):
    with pytest.raises(InputError):
        CompiledTemplate(data, "bad.docx")


def test_a_zip_without_a_document_is_not_a_template():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(TemplateError, match="word/document.xml"):
        CompiledTemplate(out.getvalue(), "empty.docx")


def test_picture_slot_is_replaced_with_the_given_image():
    placeholder, chart = png(colour=(255, 255, 255)), png(8, 6, (10, 120, 10))
    template = compiled("Biểu đồ:", picture=("chart", placeholder))
    slot = template.pictures["chart"]
    assert slot.width_emu > 0 and slot.height_emu > 0
    with zipfile.ZipFile(io.BytesIO(template.render({}, {"chart": chart}))) as archive:
        assert archive.read(slot.member) == chart
        assert len(archive.namelist()) == len(set(archive.namelist()))
    with zipfile.ZipFile(io.BytesIO(template.render({}))) as archive:
        assert archive.read(slot.member) == placeholder


def test_a_picture_the_template_lacks_is_not_needed():
    out = compiled("{{ x }}").render({"x": "1"}, {"chart": png()})
    assert paragraphs(out)[0] == "1"


_SECTION = re.compile(r"<w:sectPr\b.*</w:sectPr>", re.S)


def test_a_template_without_final_section_properties_fails_when_compiled():
    # Before: a ValueError from str.rindex in Combined.add, after slips were written.
    data = rewrite(make_template("PHIẾU {{ n }}"), "word/document.xml", lambda xml: _SECTION.sub("", xml))
    with pytest.raises(TemplateError, match=r"phieu-rieng\.docx: .*<w:sectPr>"):
        CompiledTemplate(data, "phieu-rieng.docx")


@pytest.mark.parametrize(("xml", "expected"), [
    ("<w:body><w:p/><w:sectPr><w:pgSz/></w:sectPr></w:body>", "<w:sectPr><w:pgSz/></w:sectPr>"),
    ('<w:body w:x="1"><w:p/><w:sectPr/>\n</w:body>', "<w:sectPr/>\n"),
    # A tracked change of the page setup nests the former section properties.
    ("<w:body><w:p><w:pPr><w:sectPr/></w:pPr></w:p><w:sectPr><w:sectPrChange><w:sectPr/></w:sectPrChange>"
     "</w:sectPr></w:body>", "<w:sectPr><w:sectPrChange><w:sectPr/></w:sectPrChange></w:sectPr>"),
])
def test_body_bounds_find_the_final_section_properties(xml, expected):
    start, end, close = body_bounds(xml)
    assert xml[end:close] == expected and xml[start:end].startswith("<w:p")


@pytest.mark.parametrize("xml", [
    "<w:document/>",
    "<w:body><w:p/></w:body>",
    "<w:body><w:sectPr/><w:p/></w:body>",  # section properties that are not the body's last child
    "<w:body><w:p><w:pPr><w:sectPr/></w:pPr></w:p></w:body>",
])
def test_body_bounds_without_final_section_properties(xml):
    assert body_bounds(xml) is None


@pytest.mark.parametrize(("member", "change"), [
    ("word/document.xml", lambda xml: xml.replace("</w:body>", "</w:bdy>")),
    ("word/_rels/document.xml.rels", lambda xml: xml.replace("<Relationships", "<Relationships <")),
])
def test_malformed_template_xml_is_a_template_error_naming_the_file(member, change):
    data = rewrite(make_template("{{ x }}"), member, change)
    with pytest.raises(TemplateError, match=rf"hong\.docx: {re.escape(member)} is not well-formed XML"):
        CompiledTemplate(data, "hong.docx")


def test_a_picture_with_an_unreadable_size_is_a_template_error():
    data = rewrite(make_template("{{ x }}", picture=("chart", png())), "word/document.xml",
                   lambda xml: re.sub(r'(<wp:extent cx=")\d+', r"\g<1>abc", xml))
    with pytest.raises(TemplateError, match=r"bieu-do\.docx: .*cx='abc'"):
        CompiledTemplate(data, "bieu-do.docx")


def test_same_text_as_the_plain_docxtpl_loop(metas):
    from datetime import date

    from tthc_docs.render.apology import slip_context
    from tthc_docs.render.dossiers import Dossier

    dossier = Dossier(row=4, code="000.00.12.H01-250107-0002", applicant="Công ty TNHH Thương mại O'Neil & Cộng sự",
                      procedure="Đăng ký thành lập hộ kinh doanh", received_on=date(2025, 1, 7),
                      due_on=date(2025, 2, 10), new_due_on=date(2025, 2, 17),
                      reason="Hệ thống đăng ký kinh doanh quốc gia gián đoạn", address="Phường Châu Đốc")
    context = slip_context(dossier, metas["apology"], 2)
    path = shipped_template("phieu_xin_loi.docx")
    ours = CompiledTemplate.load(path).render(context)
    plain = DocxTemplate(path)
    plain.render(context, jinja_env=sandboxed_environment())
    out = io.BytesIO()
    plain.save(out)
    assert paragraphs(ours) == paragraphs(out.getvalue())
    assert "Kính gửi: Công ty TNHH Thương mại O'Neil & Cộng sự" in paragraphs(ours)
