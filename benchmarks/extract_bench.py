"""Extraction speed, measured against baselines in the same run.

    python benchmarks/extract_bench.py

Prints: the whole corpus; synthetic appendices of 100, 1,000 and 10,000 rows
(the 10,000/1,000 time ratio should be at most 12, i.e. about linear); a
1,000-row .docx read by our reader against python-docx alone opening the file
and walking every cell of the same table (ratio at most 3); then hostile shapes,
each at 1× and 10× its size, with the growth ratio (at most 12, i.e. about
linear): alternating TAB lines, a letter whose paragraphs are TAB-indented, a
.docx of 20,000 → 200,000 paragraphs, and a table 30 → 300 columns wide.

    python benchmarks/extract_bench.py [--hostile-only]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the test-document builders

from readers.builders import build_docx  # noqa: E402

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


def alternating_tab_lines(n: int) -> bytes:
    return "\n".join("\tRà soát, đơn giản hóa thủ tục" if i % 2 else "Nội dung công việc"
                     for i in range(n)).encode("utf-8")


def tab_indented_letter(n: int) -> bytes:
    lines = ["CÔNG VĂN", "Kính gửi: Các sở, ban, ngành tỉnh"]
    lines += [f"\tĐề nghị các sở, ban, ngành triển khai nội dung {i} đúng thời hạn." for i in range(n)]
    return "\n".join(lines).encode("utf-8")


def many_paragraph_docx(n: int) -> bytes:
    """A .docx of ``n`` paragraphs, its document part written directly (the
    python-docx builder would take minutes)."""
    from fuzz.mutators import rewrite
    from readers.builders import docx_bytes_with_body

    marker = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>"
    body = "".join(f"<w:p><w:r><w:t>Đoạn {i}: tổ chức thực hiện cải cách thủ tục hành chính.</w:t></w:r></w:p>"
                   for i in range(n)).encode("utf-8")
    return rewrite(docx_bytes_with_body(marker.decode()), "word/document.xml", lambda xml: xml.replace(marker, body))


def many_column_table(columns: int, rows_count: int = 40) -> bytes:
    """A tab-row table of ``columns`` columns, the task columns first."""
    extra = [f"Chỉ tiêu {i}" for i in range(columns - len(HEADER))]
    lines = ["\t".join(HEADER + extra)]
    lines += ["\t".join(row + [f"{i}%" for i in range(len(extra))]) for row in rows(rows_count)]
    return "\n".join(lines).encode("utf-8")


HOSTILE = (
    ("alternating TAB lines", lambda k: (alternating_tab_lines(2_000 * k), "xen-ke.txt")),
    ("TAB-indented letter", lambda k: (tab_indented_letter(1_500 * k), "cong-van.txt")),
    ("paragraphs .docx", lambda k: (many_paragraph_docx(20_000 * k), "dai.docx")),
    ("many-column table", lambda k: (many_column_table(30 * k), "nhieu-cot.txt")),
)


def hostile_shapes() -> bool:
    """Time each hostile shape at 1× and 10×; True when every growth is at most 12."""
    good = True
    for label, make in HOSTILE:
        times = []
        for scale in (1, 10):
            data, name = make(scale)
            times.append(best_of(1, lambda: extract_bytes(data, name)))
        ratio = times[1] / times[0]
        good &= ratio <= 12
        print(f"{label:<22} 1×: {times[0]:7.3f} s  10×: {times[1]:7.3f} s  growth {ratio:5.1f} (limit 12) "
              f"{'OK' if ratio <= 12 else 'TOO SLOW'}", flush=True)
    return good


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


def main() -> None:
    extract_bytes(tab_cell_text(10), "warm-up.txt")  # load gazetteers and vocabularies once
    if "--hostile-only" in sys.argv:
        sys.exit(0 if hostile_shapes() else 1)
    corpus = sorted((ROOT / "corpus").iterdir())
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
    hostile_shapes()


if __name__ == "__main__":
    main()
