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
from render_helpers import full_text, make_template, open_docx, paragraphs, png

from tthc_docs.errors import InputError, TemplateError
from tthc_docs.render.engine import Combined, CompiledTemplate, sandboxed_environment, shipped_template

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


def test_combined_document_holds_each_rendering_with_breaks():
    template = compiled("PHIẾU {{ n }}", picture=("chart", png()))
    combined = Combined(template)
    for n in range(3):
        combined.add(template.render_parts({"n": str(n)}))
    data = combined.finish()
    document = open_docx(data)
    assert [p for p in paragraphs(data) if p.startswith("PHIẾU")] == ["PHIẾU 0", "PHIẾU 1", "PHIẾU 2"]
    assert len(document.sections) == 3
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    ids = re.findall(r'<wp:docPr\b[^>]*?\bid="(\d+)"', xml)
    assert len(ids) == 3 == len(set(ids))


def test_combining_nothing_is_an_error():
    with pytest.raises(TemplateError, match="no document"):
        Combined(compiled("x")).finish()


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
