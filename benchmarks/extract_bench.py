"""Extraction speed, measured against baselines in the same run.

    python benchmarks/extract_bench.py

Prints: the whole corpus; synthetic appendices of 100, 1,000 and 10,000 rows
(the 10,000/1,000 time ratio should be at most 12, i.e. about linear); a
1,000-row .docx read by our reader against python-docx alone opening the file
and walking every cell of the same table (ratio at most 3); a scanned appendix
(seed 001's table, landscape A4 at 200 dpi, skewed, grain and JPEG artefacts, an
image-only PDF): seconds per page read (goal under 3 s on a 2-core machine), wall
and CPU (this process and its Tesseract runs), against Tesseract reading the same
pages whole (``--psm 3``, no tables, no deskew) in the same run.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the test-document builders

from readers.builders import build_docx, build_scan, rasterise  # noqa: E402

from tthc_docs.extract import extract_bytes, extract_path  # noqa: E402
from tthc_docs.readers import read_path  # noqa: E402

HEADER = ["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn hoàn thành", "Sản phẩm"]
LEADS = ["Sở Tư pháp", "Văn phòng UBND tỉnh", "Sở Thông tin và Truyền thông", "UBND cấp huyện, xã",
         "Sở Văn hóa, Thể thao và Du lịch, Sở Y tế", "Các sở, ban, ngành"]
DEADLINES = ["Quý IV/2024", "Trước ngày 15/02/2025", "Thường xuyên", "Trong tháng 01/2025",
             "Sau khi có hướng dẫn của bộ, ngành Trung ương", "Ngày 05 hàng tháng"]


def rows(n: int) -> list[list[str]]:
    return [[str(i), f"Rà soát, đơn giản hóa thủ tục hành chính nhóm {i}, đạt tối thiểu {50 + i % 50}% "
                     f"theo Nghị định số 61/2018/NĐ-CP",
             LEADS[i % len(LEADS)], LEADS[(i + 1) % len(LEADS)], DEADLINES[i % len(DEADLINES)],
             f"Báo cáo kết quả {i}"] for i in range(1, n + 1)]


def tab_cell_text(n: int) -> bytes:
    """An appendix in the tab-cell layout (Word "save as text")."""
    lines = ["PHỤ LỤC", ""] + [f"\t{h}" for h in HEADER] + [""]
    for row in rows(n):
        lines += [f"\t{cell}" for cell in row] + [""]
    return "\n".join(lines).encode("utf-8")


def best_of(repeats: int, action) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def walk_with_python_docx(path: Path) -> int:
    import docx

    count = 0
    for table in docx.Document(str(path)).tables:
        for row in table.rows:
            for cell in row.cells:
                count += len(cell.text)
    return count


def cpu_seconds() -> float:
    """CPU time of this process and of the child processes it has waited for."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def scanned_pages() -> None:
    import pytesseract

    (table,) = read_path(ROOT / "corpus" / "ke-hoach-5755-2021-phu-luc-nhiem-vu-468.txt").tables
    header, *body = [row.cells for row in table.rows[:14]]
    with tempfile.TemporaryDirectory() as folder:
        scan = build_scan(Path(folder) / "scan.pdf", header, body, col_widths=(28, 200, 70, 70, 90, 70, 80, 100))
        pages = rasterise(scan)
        read_path(scan)  # warm-up: Tesseract's model in the page cache, the gazetteer loaded
        cpu, start = cpu_seconds(), time.perf_counter()
        doc = read_path(scan)
        ours, ours_cpu = time.perf_counter() - start, cpu_seconds() - cpu
        start = time.perf_counter()
        for page in pages:
            pytesseract.image_to_string(page, lang="vie", config="--psm 3")
        plain = time.perf_counter() - start
    n = len(pages)
    per_page = ours / n
    print(f"scanned PDF at 200 dpi, {n} pages, {sum(len(t.rows) for t in doc.tables)} table rows: "
          f"{per_page:.2f} s/page (CPU {ours_cpu / n:.2f} s/page); plain Tesseract on the whole page "
          f"{plain / n:.2f} s/page, ratio {ours / plain:.2f}; goal under 3 s/page "
          f"{'OK' if per_page < 3 else 'TOO SLOW'}")


def main() -> None:
    corpus = sorted((ROOT / "corpus").iterdir())
    extract_bytes(tab_cell_text(10), "warm-up.txt")  # load gazetteers and vocabularies once
    corpus_time = best_of(3, lambda: [extract_path(p) for p in corpus])
    print(f"whole corpus: {len(corpus)} documents in {corpus_time:.2f} s")

    times = {}
    for n in (100, 1_000, 10_000):
        data = tab_cell_text(n)
        table = extract_bytes(data, f"synthetic-{n}.txt")
        assert len(table.tasks) == n, (n, len(table.tasks))
        times[n] = best_of(3 if n < 10_000 else 1, lambda: extract_bytes(data, f"synthetic-{n}.txt"))
        print(f"synthetic appendix, {n:>6} rows: {times[n]:.3f} s ({times[n] / n * 1000:.2f} ms/row)")
    ratio = times[10_000] / times[1_000]
    print(f"growth 10,000 / 1,000 rows: {ratio:.1f} (limit 12) {'OK' if ratio <= 12 else 'TOO SLOW'}")

    with tempfile.TemporaryDirectory() as folder:
        path = build_docx(Path(folder) / "phu-luc-1000.docx", HEADER, rows(1_000))
        ours = best_of(5, lambda: read_path(path))
        baseline = best_of(5, lambda: walk_with_python_docx(path))
        full = best_of(1, lambda: extract_path(path))
    docx_ratio = ours / baseline
    print(f"1,000-row .docx: our reader {ours:.3f} s, python-docx walking the table {baseline:.3f} s, "
          f"ratio {docx_ratio:.2f} (limit 3) {'OK' if docx_ratio <= 3 else 'TOO SLOW'}")
    print(f"1,000-row .docx, full extraction with NLP: {full:.3f} s")
    scanned_pages()


if __name__ == "__main__":
    main()
