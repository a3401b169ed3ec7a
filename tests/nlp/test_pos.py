"""The tagger's features are computed here in one pass; underthesea's own code is
the reference they are checked against, on the corpus and on sentences that probe
the template's edges (one word, the first and last words, capitals, digits)."""

from __future__ import annotations

import pytest
from underthesea import pos_tag, word_tokenize
from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor

from tests.conftest import CORPUS
from tthc_docs.nlp.pos import has_verb, tags, word_features

SENTENCES = [
    "Sở Tư pháp chủ trì, phối hợp với Văn phòng UBND tỉnh rà soát thủ tục hành chính.",
    "UBND cấp huyện",
    "Rà soát",
    "Hoàn thành trước ngày 15/02/2025, đạt tỷ lệ 100% hồ sơ trực tuyến toàn trình.",
    "11. Sở Nội vụ",
    "d) Văn phòng UBND tỉnh:",
    "CHỈ THỊ VỀ ĐẨY MẠNH CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
    "Bưu điện tỉnh triển khai dịch vụ bưu chính công ích",
    "2024",
]


def corpus_lines(limit: int = 400) -> list[str]:
    lines = [line for path in sorted(CORPUS.iterdir()) for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    return lines[::max(1, len(lines) // limit)]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_features_are_underthesea_s(sentence):
    words = word_tokenize(sentence)
    template = CRFPOSTagPredictor.Instance().transformer
    assert word_features(words) == template.transform([[(word, "X") for word in words]])[0][0]


def test_tags_are_underthesea_s_on_the_corpus():
    lines = corpus_lines()
    assert len(lines) > 300
    differ = [line for line in lines if tags(line) != tuple(pos_tag(line))]
    assert differ == []


@pytest.mark.parametrize("text, verb", [
    ("Sở Tư pháp chủ trì rà soát thủ tục", True),
    ("11. Sở Nội vụ", False),
    ("Văn phòng UBND tỉnh, Sở Thông tin và Truyền thông", False),
    ("Tăng cường kỷ luật, kỷ cương hành chính", True),
])
def test_has_verb(text, verb):
    assert has_verb(text) is verb


def test_nothing_to_tag_is_empty():
    assert tags("") == ()
    assert tags("   ") == ()
    assert word_features([]) == []
