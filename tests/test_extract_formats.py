"""The tables of seeds 001 and 003 written to .docx and .pdf (as Word would export
them: a section row merged across the table, a vertically merged lead cell, the
header repeated on every page) extract to the same tasks as the .txt."""

import re

import pytest
from reportlab.lib.units import mm

from readers.builders import build_docx, build_pdf, build_html
from tthc_docs.extract import extract_path
from tthc_docs.readers import read_path
from tthc_docs.tables.builder import classify, logical_tables
from tests.conftest import SEED_KE_HOACH_003, SEED_PHU_LUC_001


def _layout(seed):
    """Header and rows of the seed's table; section rows as one merged title."""
    [table], _ = logical_tables(read_path(seed).tables)
    rows, sections = [], []
    for row in table.rows:
        kind = classify(row, table.columns)
        if kind.kind == "section":
            sections.append(len(rows))
            rows.append([f"{kind.number}. {kind.title}"] + [""] * (len(row.cells) - 1))
        else:
            rows.append(list(row.cells))
    return list(table.header), rows, sections, table.columns.index("lead")


def _same_lead_run(rows, sections, lead):
    """The first two neighbouring task rows with the same lead: merged vertically."""
    for i in range(len(rows) - 1):
        if i not in sections and i + 1 not in sections and rows[i][lead] == rows[i + 1][lead]:
            return i
    raise AssertionError("no two neighbouring rows share a lead")


def _key(table):
    """The table's tasks (the seed's own body tasks aside: the built files hold only its table,
    so their rows carry no appendix prefix)."""
    # Spacing only: a PDF cannot tell "IV/ 2021" wrapped at its space from "30/6/202⏎5" cut mid-token.
    squash = lambda text: re.sub(r"\s*/\s*", "/", re.sub(r"\s+", " ", text or "")).strip()  # noqa: E731
    names = lambda agencies: tuple(squash(a) for a in agencies)  # noqa: E731
    return [(t.id.removeprefix("PL."), t.section, squash(t.content), names(t.lead), names(t.coordinating), names(t.implementing),
             names(t.monitoring),
             squash(t.deadline.text) if t.deadline else None, t.deadline.due if t.deadline else None,
             squash(t.product)) for t in table.tasks if t.origin == "table"]


@pytest.mark.parametrize("seed", [SEED_PHU_LUC_001, SEED_KE_HOACH_003], ids=["seed001", "seed003"])
def test_docx_with_merged_cells_gives_the_same_tasks(seed, tmp_path):
    header, rows, sections, lead = _layout(seed)
    first = _same_lead_run(rows, sections, lead)
    merged = [list(r) for r in rows]
    merged[first + 1][lead] = ""  # Word leaves the covered cell empty
    path = build_docx(tmp_path / f"{seed.stem}.docx", header, merged, paragraphs_before=["PHỤ LỤC"],
                      full_width_rows=sections, vmerge=[(lead, first, first + 1)])
    expected = _key(extract_path(seed))
    assert _key(extract_path(path)) == expected
    assert len(expected) in (41, 34)


@pytest.mark.parametrize("seed", [SEED_PHU_LUC_001, SEED_KE_HOACH_003], ids=["seed001", "seed003"])
def test_pdf_over_several_pages_gives_the_same_tasks(seed, tmp_path):
    header, rows, sections, _ = _layout(seed)
    # A narrow number column and a wide content column, as in the Word originals.
    number, content = 10 * mm, 45 * mm
    others = [(160 * mm - number - content) / (len(header) - 2)] * (len(header) - 2)
    path = build_pdf(tmp_path / f"{seed.stem}.pdf", header, rows, paragraphs_before=["PHỤ LỤC"],
                     full_width_rows=sections, col_widths=[number, content, *others], font_size=8)
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) >= 2
    assert _key(extract_path(path)) == _key(extract_path(seed))


def test_saved_web_page_gives_the_same_tasks(tmp_path):
    header, rows, sections, _ = _layout(SEED_PHU_LUC_001)
    path = build_html(tmp_path / "phu-luc.html", header, rows, paragraphs_before=["PHỤ LỤC"],
                      full_width_rows=sections)
    assert _key(extract_path(path)) == _key(extract_path(SEED_PHU_LUC_001))
