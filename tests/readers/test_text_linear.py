"""The text readers do work linear in the document: a table finder tried at every
line looks at a bounded number of lines, whatever the run of TAB lines."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from tthc_docs.readers.text_tables import FINDERS
from tthc_docs.readers.txt_reader import parse_text
from tthc_docs.blocks import Paragraph


class CountingLines(Sequence):
    """Lines that count how many of them are read (a slice counts its length)."""

    def __init__(self, lines: list[str]) -> None:
        self._lines = lines
        self.reads = 0

    def __len__(self) -> int:
        return len(self._lines)

    def __getitem__(self, index):
        got = self._lines[index]
        self.reads += len(got) if isinstance(index, slice) else 1
        return got


def alternating(n: int) -> list[str]:
    """TAB-started lines alternating with plain ones (no table)."""
    return ["\tRà soát, đơn giản hóa thủ tục" if i % 2 else "Nội dung công việc" for i in range(n)]


def tab_indented_letter(n: int) -> list[str]:
    """A letter whose every paragraph is indented with a TAB."""
    return [f"\t{i}. Đề nghị các sở, ban, ngành triển khai thực hiện nghiêm túc." for i in range(n)]


def tab_cell_headers(n: int) -> list[str]:
    """Header-like TAB cells without a blank line ever closing them."""
    return ["\tSTT", "\tNội dung", "\tCơ quan chủ trì", "\tThời hạn"] * (n // 4)


@pytest.mark.parametrize("shape", [alternating, tab_indented_letter, tab_cell_headers])
def test_trying_every_finder_at_every_line_reads_a_bounded_number_of_lines_per_line(shape):
    reads = []
    for n in (400, 4000):
        lines = CountingLines(shape(n))
        for start in range(n):
            for _, finder in FINDERS:
                finder(lines, start)
        reads.append(lines.reads)
    assert reads[1] <= 12 * reads[0], reads


def test_a_tab_indented_letter_is_read_as_its_paragraphs():
    lines = tab_indented_letter(1500)
    document = parse_text("\n".join(lines), "cong-van.txt")
    paragraphs = [item.text for item in document.items if isinstance(item, Paragraph)]
    assert len(paragraphs) == 1500
    assert paragraphs[7] == "7. Đề nghị các sở, ban, ngành triển khai thực hiện nghiêm túc."
