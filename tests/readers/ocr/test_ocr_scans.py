"""Scans of a seed task table extract to the tasks of the table they show: task
F1 ≥ 0.9 (tasks matched on their content), and lead and due date right on ≥ 90 %
of the matched tasks; every task keeps its page and an OCR confidence."""

from __future__ import annotations

import pytest
from rapidfuzz import fuzz

from tthc_docs.extract import extract_document
from tthc_docs.models import Task
from tthc_docs.readers import read_path

SAME_CONTENT = 85  # rapidfuzz ratio of two contents that are the same task


def _match(found: tuple[Task, ...], source: tuple[Task, ...]) -> list[tuple[Task, Task]]:
    """One-to-one pairs (found, source), best content match first."""
    scored = sorted(((fuzz.ratio(f.content, s.content), i, j) for i, f in enumerate(found)
                     for j, s in enumerate(source)), reverse=True)
    used_f, used_s, pairs = set(), set(), []
    for score, i, j in scored:
        if score >= SAME_CONTENT and i not in used_f and j not in used_s:
            used_f.add(i)
            used_s.add(j)
            pairs.append((found[i], source[j]))
    return pairs


def _due(task: Task):
    return task.deadline.due if task.deadline else None


@pytest.mark.parametrize("scan", ["scanned_pdf", "photo_png", "example_scan"])
def test_scan_extracts_to_the_tasks_of_its_table(scan, request):
    made = request.getfixturevalue(scan)
    table = made.extracted
    pairs = _match(table.tasks, made.source_tasks)
    precision, recall = len(pairs) / len(table.tasks), len(pairs) / len(made.source_tasks)
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.9, [t.content[:60] for t in table.tasks]
    lead_right = sum(set(f.lead) == set(s.lead) for f, s in pairs) / len(pairs)
    due_right = sum(_due(f) == _due(s) for f, s in pairs) / len(pairs)
    assert lead_right >= 0.9, [(f.lead, s.lead) for f, s in pairs if set(f.lead) != set(s.lead)]
    assert due_right >= 0.9, [(f.deadline, s.deadline) for f, s in pairs if _due(f) != _due(s)]


def test_scanned_tasks_keep_their_page_and_confidence(scanned_pdf):
    tasks = scanned_pdf.extracted.tasks
    pages = [t.source.page for t in tasks]
    assert pages == sorted(pages) and set(pages) <= {1, 2, 3, 4} and len(set(pages)) >= 3
    assert all(0 <= t.source.ocr_confidence <= 100 for t in tasks)
    assert sum(t.source.ocr_confidence for t in tasks) / len(tasks) >= 80  # a clean print scanned well


def test_scanned_pdf_reads_its_title_as_paragraphs(scanned_pdf):
    doc = scanned_pdf.read
    assert doc.layout == "scan"
    assert doc.paragraphs[0].text == "PHỤ LỤC"
    assert "468/QĐ-TTg" in doc.paragraphs[1].text
    assert len(doc.tables) == 1  # one table over four pages


def test_a_scan_with_a_watermark_text_layer_is_still_read_by_ocr(tmp_path, example_scan):
    """Scanner apps stamp a line of text ("Scanned with CamScanner") over the page image."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    from readers.builders import rasterise

    (page,) = rasterise(example_scan.path)
    path = tmp_path / "camscanner.pdf"
    pdf = canvas.Canvas(str(path), pagesize=landscape(A4))
    pdf.drawImage(ImageReader(page), 0, 0, width=landscape(A4)[0], height=landscape(A4)[1])
    pdf.setFont("Helvetica", 8)
    pdf.drawString(700, 10, "Scanned with CamScanner")
    pdf.showPage()
    pdf.save()
    tasks = extract_document(read_path(path)).tasks
    assert len(_match(tasks, example_scan.source_tasks)) == len(example_scan.source_tasks) == 3
