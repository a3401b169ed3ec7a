"""A plan rendered from a task table reads back as the same tasks and header:
the generator and the extractor agree on the official format."""

import re
from datetime import date

from tthc_docs.extract import extract_path
from tthc_docs.readers.tasktable import load_task_table
from tthc_docs.render.documents import load_template, render_plan
from tthc_docs.render.meta import load_meta
from tests.conftest import ROOT


def test_rendered_plan_extracts_to_its_own_tasks(tmp_path):
    table = load_task_table(ROOT / "extract" / "ke-hoach-5755-2021-phu-luc-nhiem-vu-468.json")
    meta = load_meta(ROOT / "examples" / "plan.meta.yaml", "plan")
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(render_plan(table, meta, load_template("plan")))

    again = extract_path(path)
    squash = lambda text: re.sub(r"\s+", " ", text or "").strip()  # noqa: E731
    key = lambda t: (t.id, t.section, squash(t.content), t.lead, t.coordinating,  # noqa: E731
                     squash(t.deadline.text) if t.deadline else None, squash(t.product))
    assert [key(t) for t in again.tasks] == [key(t) for t in table.tasks]
    doc = again.document
    assert (doc.kind, doc.number, doc.date, doc.signer) == ("ke_hoach", "12/KH-UBND", date(2025, 2, 5), "Hồ Văn Mừng")
    assert doc.issuer == "Ủy ban nhân dân tỉnh An Giang" and doc.title
