"""Combining a batch rendered from one template into one .docx: every document
in turn with a section break between them, fresh picture ids, the archive closed
however the batch ends."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from render_helpers import make_template, open_docx, paragraphs, png, rewrite

from tthc_docs.errors import TemplateError
from tthc_docs.render.combine import Combined
from tthc_docs.render.engine import CompiledTemplate


def compiled(*texts: str, **kwargs) -> CompiledTemplate:
    return CompiledTemplate(make_template(*texts, **kwargs), "test.docx")


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


def test_a_template_whose_body_has_attributes_can_be_combined():
    data = rewrite(make_template("PHIẾU {{ n }}"), "word/document.xml",
                   lambda xml: xml.replace("<w:body>", '<w:body w14:paraId="1A2B3C4D">'))
    template = CompiledTemplate(data, "phieu-rieng.docx")
    with Combined(template) as combined:
        for n in range(2):
            combined.add(template.render_parts({"n": str(n)}))
        out = combined.finish()
    assert [p for p in paragraphs(out) if p.startswith("PHIẾU")] == ["PHIẾU 0", "PHIẾU 1"]
    assert len(open_docx(out).sections) == 2


def test_a_batch_that_stops_early_closes_its_archive():
    template = compiled("PHIẾU {{ n }}")
    with pytest.raises(RuntimeError), Combined(template) as combined:
        combined.add(template.render_parts({"n": "1"}))
        raise RuntimeError("writing a slip failed")
    assert combined._archive is not None and combined._archive.fp is None
