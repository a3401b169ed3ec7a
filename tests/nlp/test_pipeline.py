"""Tests of tthc_docs.nlp.pipeline (and its spaCy parts in tthc_docs.nlp.components): the
syllable tokenizer, the AGENCY / DEADLINE / TARGET / LEGAL_REF entities with their
typed values, ``annotate``, and lazy loading."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import unicodedata
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT, SEEDS
from tthc_docs.errors import DataError
from tthc_docs.models import Deadline, LegalRef, Target
from tthc_docs.nlp import components
from tthc_docs.nlp.pipeline import Annotation, agency_spans, annotate, entities, load_pipeline, read, spans

D = date.fromisoformat
HEAVY = ("spacy", "underthesea", "pyvi", "thinc", "torch")

# Sentences of the seeds and domain.md, and the entities a reader sees in them:
# (label, text as written, value to compare). Agencies compare by canonical name,
# deadlines by (kind, due), targets by (value, unit, comparator), references by
# (id, type, date, issuer).
SENTENCES = [
    ("Sở Thông tin và Truyền thông hoàn thành và báo cáo kết quả thực hiện về UBND tỉnh trước ngày 30/11/2024",
     [("AGENCY", "Sở Thông tin và Truyền thông", "Sở Thông tin và Truyền thông"),
      ("AGENCY", "UBND tỉnh", "Ủy ban nhân dân tỉnh"),
      ("DEADLINE", "trước ngày 30/11/2024", ("date", D("2024-11-30")))]),
    ("Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ",
     [("LEGAL_REF", "Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ",
       ("61/2018/NĐ-CP", "Nghị định", D("2018-04-23"), "Chính phủ"))]),
    ("đạt tối thiểu 98%", [("TARGET", "đạt tối thiểu 98%", (98, "%", "≥"))]),
    ("- Phân đầu tỷ lệ hồ sơ TTHC tiếp nhận được giải quyết đúng hạn **đạt tối thiểu 98%**, riêng lĩnh vực "
     "đất đai phân đầu **đạt tỷ lệ 96%**.",
     [("TARGET", "đạt tối thiểu 98%", (98, "%", "≥")), ("TARGET", "đạt tỷ lệ 96%", (96, "%", "≥"))]),
    ("tại Quyết định số 766/QĐ-TTg với tỷ lệ TTHC có giao dịch thanh toán trực tuyến đạt **tối thiểu 90%**",
     [("LEGAL_REF", "Quyết định số 766/QĐ-TTg", ("766/QĐ-TTg", "Quyết định", None, "Thủ tướng Chính phủ")),
      ("TARGET", "đạt **tối thiểu 90%", (90, "%", "≥"))]),
    ("Báo cáo đánh giá và đề xuất giải pháp gửi UBND tỉnh trong Quý I/2025.",
     [("AGENCY", "UBND tỉnh", "Ủy ban nhân dân tỉnh"),
      ("DEADLINE", "trong Quý I/2025", ("period", D("2025-03-31")))]),
    ("Tiếp tục rà soát, công bố mở rộng tiếp nhận thủ tục hành chính không phụ thuộc vào địa giới hành chính. "
     "Hoàn thành trước ngày 30/11/2024.",
     [("DEADLINE", "Hoàn thành trước ngày 30/11/2024", ("date", D("2024-11-30")))]),
    ("Văn phòng UBND tỉnh (Trung tâm PVHCC tỉnh)",
     [("AGENCY", "Văn phòng UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"),
      ("AGENCY", "Trung tâm PVHCC tỉnh", "Trung tâm Phục vụ hành chính công tỉnh")]),
    ("Sở Văn hóa, Thể thao và Du lịch, Sở Y tế",
     [("AGENCY", "Sở Văn hóa, Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch"),
      ("AGENCY", "Sở Y tế", "Sở Y tế")]),
    # A wording the phrase patterns lack, found by its shape and resolved by the gazetteer.
    ("Sở Thông tin truyền thông", [("AGENCY", "Sở Thông tin truyền thông", "Sở Thông tin và Truyền thông")]),
    ("Ủy ban nhân dân tỉnh xây dựng kế hoạch", [("AGENCY", "Ủy ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh")]),
    ("Định kỳ hằng tháng báo cáo Sở Nội vụ",
     [("DEADLINE", "Định kỳ hằng tháng", ("recurring", None)), ("AGENCY", "Sở Nội vụ", "Sở Nội vụ")]),
]


def _comparable(annotation: Annotation):
    value = annotation.value
    if isinstance(value, Deadline):
        return value.kind, value.due
    if isinstance(value, Target):
        return value.value, value.unit, value.comparator
    if isinstance(value, LegalRef):
        return value.id, value.type, value.date, value.issuer
    return value


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


# ------------------------------------------------------------------ entities

@pytest.mark.parametrize(("sentence", "expected"), SENTENCES, ids=[s[:40] for s, _ in SENTENCES])
def test_annotate_finds_the_entities_with_their_values(sentence, expected):
    found = annotate(sentence)
    assert [(a.label, a.text, _comparable(a)) for a in found] == expected


@pytest.mark.parametrize("sentence", [s for s, _ in SENTENCES], ids=[s[:40] for s, _ in SENTENCES])
def test_annotation_offsets_index_the_text(sentence):
    for a in annotate(sentence):
        assert sentence[a.start:a.end] == a.text


def test_span_extensions_carry_typed_values(nlp):
    doc = nlp(SENTENCES[0][0] + ". Căn cứ Nghị định số 61/2018/NĐ-CP, phấn đấu đạt tối thiểu 98%.")
    by_label = {}
    for ent in doc.ents:
        by_label.setdefault(ent.label_, ent)
    assert set(by_label) == {"AGENCY", "DEADLINE", "LEGAL_REF", "TARGET"}
    assert by_label["AGENCY"]._.agency == "Sở Thông tin và Truyền thông"
    assert isinstance(by_label["DEADLINE"]._.deadline, Deadline)
    assert isinstance(by_label["LEGAL_REF"]._.legal_ref, LegalRef)
    assert isinstance(by_label["TARGET"]._.target, Target)
    # A value belongs to its own kind of entity only.
    assert by_label["AGENCY"]._.deadline is None and by_label["DEADLINE"]._.agency is None


def test_an_agency_inside_a_legal_reference_is_part_of_it():
    found = annotate("Căn cứ Quyết định số 468/QĐ-TTg ngày 27/3/2021 của Thủ tướng Chính phủ phê duyệt Đề án")
    assert [a.label for a in found] == ["LEGAL_REF"]
    assert found[0].value.issuer == "Thủ tướng Chính phủ"


def test_an_unknown_name_is_marked_with_no_canonical_name():
    found = annotate("Trung tâm Lưu trữ lịch sử chủ trì thực hiện")
    assert [(a.label, a.value) for a in found] == [("AGENCY", None)]
    assert found[0].text.startswith("Trung tâm Lưu trữ")


def test_the_document_date_reaches_the_deadline_parser():
    # a phrase without a year is read in the document's year
    sentence = "Trong tháng 4, hoàn thành việc rà soát các TTHC nội bộ"
    with_date = annotate(sentence, reference=D("2025-02-24"))
    assert [(a.label, a.text, a.value.due) for a in with_date] == [("DEADLINE", "Trong tháng 4", D("2025-04-30"))]
    assert annotate(sentence)[0].value.due is None


def test_entities_do_not_overlap_and_sit_on_token_boundaries(nlp):
    text = SEEDS[0].read_text(encoding="utf-8")[:6000]
    doc = nlp(text)
    ends = {t.idx for t in doc} | {t.idx + len(t) for t in doc}
    last_end = -1
    for ent in doc.ents:
        assert ent.start_char >= last_end
        assert ent.start_char in ends and ent.end_char in ends
        last_end = ent.end_char
    assert len(entities(doc)) == len(doc.ents) > 10


@pytest.mark.parametrize("text", ["", "   \n", "Nâng cao chất lượng phục vụ người dân, doanh nghiệp", "STT\tNội dung"])
def test_nothing_found_is_an_empty_tuple(text):
    assert annotate(text) == ()


@pytest.mark.parametrize("bad", [None, 42, b"So Tu phap"])
def test_annotate_refuses_what_is_not_text(bad):
    with pytest.raises(DataError, match=repr(bad)[:10].replace("(", r"\(")):
        annotate(bad)


def test_annotate_refuses_a_reference_that_is_not_a_date():
    with pytest.raises(DataError, match="2025-02-24"):
        annotate("trước ngày 30/11/2024", reference="2025-02-24")


# ------------------------------------------------------------------ tokenizer

@pytest.mark.parametrize(("text", "tokens"), [
    ("Sở Thông tin và Truyền thông hoàn thành", ["Sở", "Thông", "tin", "và", "Truyền", "thông", "hoàn", "thành"]),
    ("Văn phòng UBND tỉnh (Trung tâm PVHCC tỉnh)",
     ["Văn", "phòng", "UBND", "tỉnh", "(", "Trung", "tâm", "PVHCC", "tỉnh", ")"]),
    ("trước ngày 30/11/2024.", ["trước", "ngày", "30/11/2024", "."]),
    # a slash or hyphen before a letter is cut, one between digits is not
    ("Nghị định số 61/2018/NĐ-CP, UBND cấp huyện/xã", ["Nghị", "định", "số", "61/2018", "/", "NĐ", "-", "CP", ",",
                                                      "UBND", "cấp", "huyện", "/", "xã"]),
    ("đạt tối thiểu 98%;", ["đạt", "tối", "thiểu", "98", "%", ";"]),
])
def test_tokens_are_syllables_and_punctuation(nlp, text, tokens):
    assert [t.text for t in nlp.make_doc(text)] == tokens


@pytest.mark.parametrize("text", ["Sở Thông tin và Truyền thông hoàn thành", "Ủy ban nhân dân tỉnh hóa"])
def test_decomposed_text_is_cut_at_the_same_places(nlp, text):
    nfd = unicodedata.normalize("NFD", text)
    assert [unicodedata.normalize("NFC", t.text) for t in nlp.make_doc(nfd)] == [t.text for t in nlp.make_doc(text)]


@pytest.mark.parametrize("seed", SEEDS, ids=[s.stem for s in SEEDS])
def test_tokenizer_reproduces_each_seed(nlp, seed):
    text = seed.read_text(encoding="utf-8")
    assert nlp.make_doc(text).text == text


@pytest.mark.parametrize("text", [
    unicodedata.normalize("NFD", "Sở Thông tin và Truyền thông"),  # combining marks
    "Ðề án 06 và ðịa giới",  # "Ð"/"ð" look-alikes of "Đ"/"đ"
    "Sở Thông\ntin và  Truyền thông\r\n",  # a word cut by a line break; double space
    "<ol><li>Sở Y tế</li></ol>",  # HTML residue of seed 000
    "\tSở Tư pháp\t\t|\u00a0UBND tỉnh \u200b",
    "Phân đầu **đạt tối thiểu 98%**¹",
])
def test_tokenizer_reproduces_awkward_text(nlp, text):
    doc = nlp.make_doc(text)
    assert doc.text == text
    assert all(t.text for t in doc)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("aàáảạăằêếôơưđĐðSởTưpháp UBNDtỉnh\n\t.,;:()/-–%0123456789*")
                                        + ["\u0301", "\u0323", "\u00a0", "\u200b", "😀"]), max_size=60)
       | st.text(max_size=30))
def test_tokenizer_reproduces_any_text(text):
    assert load_pipeline().make_doc(text).text == text


@pytest.fixture(scope="module")
def spacy_tokens():
    """The tokens of spaCy's own affix rules, which the syllable tokenizer writes differently."""
    from spacy.lang.punctuation import TOKENIZER_INFIXES, TOKENIZER_PREFIXES, TOKENIZER_SUFFIXES
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex
    from spacy.vocab import Vocab

    tokenizer = Tokenizer(Vocab(), prefix_search=compile_prefix_regex(TOKENIZER_PREFIXES).search,
                          suffix_search=compile_suffix_regex(TOKENIZER_SUFFIXES).search,
                          infix_finditer=compile_infix_regex(TOKENIZER_INFIXES).finditer)
    return lambda text: [t.text for t in tokenizer(text)]


def test_the_affix_rules_are_rewritten():
    from spacy.lang.punctuation import TOKENIZER_INFIXES, TOKENIZER_SUFFIXES

    assert len(components._INFIXES) == len(TOKENIZER_INFIXES) - 2
    assert len(components._SUFFIXES) == len(TOKENIZER_SUFFIXES) and components._SUFFIXES != TOKENIZER_SUFFIXES


EDGES = ["a,b", "a-b", "a--b", "a---b", "a——b", "a~b", "a–b", "a—b", "1-a", "a-1", "1,a", "a,1", "1:a", "a:b",
         "a/b", "1/b", "b/1", "a<b", "a=1", "1=a", "1+2", "1-2", "1*2", "2^3", "a.B", "A.b", "a.b", "ab.", "AB.",
         "Ab.", "ÁĐ.", "ΣΩ.", "ДЖ.", "ж,ж", "日,本", "한-국", "ñ:ñ", "é/é", "Ð-Đ", "a,-b", "a-,b", "(a-b)",
         "\"a,b\"", "x'–'y", "a.\u2019B", "e\u0301-e\u0301", "61/2018/NĐ-CP,", "TP.HCM", "U.B.N.D.", "a…b",
         "1°C.", "5km.", "$5", "5$", "a..b", "a:-b", "a-:b"]


@pytest.mark.parametrize("text", EDGES)
def test_tokens_are_spacys_on_edge_cases(nlp, spacy_tokens, text):
    assert [t.text for t in nlp.make_doc(text)] == spacy_tokens(text)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_tokens_are_spacys_on_every_line(nlp, spacy_tokens, path):
    for line in path.read_text(encoding="utf-8").splitlines():
        assert [t.text for t in nlp.make_doc(line)] == spacy_tokens(line), line


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from([*"aZđĐÁáαΩжЖ日한ñ09 ,.-–—~:<>=/+*^%'’\"()…°$_", "--", "\u0301", "km", "'s"]),
               max_size=16).map("".join))
def test_tokens_are_spacys_on_any_text(spacy_tokens, text):
    assert [t.text for t in load_pipeline().make_doc(text)] == spacy_tokens(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["Sở Tư pháp", "UBND tỉnh", "trước ngày 15/12/2024", "đạt tối thiểu 85%",
                                 "Nghị định số 107/2021/NĐ-CP", "**", ", ", " và ", "\n", "(", ")", "hoàn thành"]),
                max_size=12))
def test_annotations_always_index_the_text(pieces):
    text = "".join(pieces)
    for a in annotate(text):
        assert text[a.start:a.end] == a.text and a.label in components.EXTENSIONS


# ------------------------------------------------------------------ loading

def test_the_pipeline_is_built_once(nlp):
    assert load_pipeline() is nlp
    assert nlp.pipe_names == ["tthc_agencies", "tthc_legal_refs", "tthc_deadlines", "tthc_targets"]


def test_the_config_describes_the_pipeline(nlp):
    config = nlp.config
    assert config["nlp"]["lang"] == "vi"
    assert config["nlp"]["tokenizer"] == {"@tokenizers": "tthc_docs.SyllableTokenizer.v1"}
    assert config["nlp"]["pipeline"] == ["tthc_agencies", "tthc_legal_refs", "tthc_deadlines", "tthc_targets"]


def test_a_pipeline_saved_to_disk_loads_in_a_fresh_process_and_reads_the_same(nlp, tmp_path):
    """spacy.load, in a process that never imported the toolkit, finds the tokenizer and
    the components by the names the saved config gives (the package's entry points)."""
    nlp.to_disk(tmp_path / "pipeline")
    sentences = [sentence for sentence, _ in SENTENCES]
    done = _run(f"""
        import json
        import spacy
        loaded = spacy.load({str(tmp_path / "pipeline")!r})
        values = {{"AGENCY": "agency", "DEADLINE": "deadline", "TARGET": "target", "LEGAL_REF": "legal_ref"}}
        print(json.dumps([[[e.label_, e.text, repr(e._.get(values[e.label_]))] for e in loaded(s).ents]
                          for s in {sentences!r}], ensure_ascii=False))
    """)
    assert done.returncode == 0, done.stderr
    expected = [[[e.label_, e.text, repr(e._.get(components.EXTENSIONS[e.label_]))] for e in nlp(s).ents]
                for s in sentences]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == expected
    assert sum(map(len, expected)) >= len(sentences)


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_importing_the_toolkit_and_tthc_help_load_no_nlp_library():
    done = _run(f"""
        import sys
        import tthc_docs, tthc_docs.cli, tthc_docs.nlp.pipeline
        from tthc_docs.cli import main
        try:
            main(["--help"])
        except SystemExit as exit:
            assert exit.code == 0, exit.code
        print("LOADED", [m for m in {HEAVY!r} if m in sys.modules])
    """)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "LOADED []"


def test_a_missing_library_is_a_missing_dependency_error_with_an_install_hint():
    done = _run("""
        import sys
        sys.modules["spacy"] = None  # what an uninstalled package looks like to import
        from tthc_docs.errors import MissingDependencyError
        from tthc_docs.nlp.pipeline import load_pipeline
        try:
            load_pipeline()
        except MissingDependencyError as exc:
            print("ERROR", exc)
    """)
    assert done.returncode == 0, done.stderr
    assert "ERROR" in done.stdout and "'spacy'" in done.stdout and "pip install" in done.stdout


def test_loading_freezes_what_it_built_and_gives_the_collector_back_as_it_was():
    done = _run("""
        import gc
        gc.disable()
        from tthc_docs.nlp.pipeline import load_pipeline
        nlp = load_pipeline()
        print("DISABLED", gc.isenabled(), gc.get_freeze_count() > 100_000)
    """)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["DISABLED", "False", "True"]
    done = _run("""
        import gc, sys
        sys.modules["spacy"] = None
        from tthc_docs.nlp.pipeline import load_pipeline
        try:
            load_pipeline()
        except Exception as exc:
            print("FAILED", type(exc).__name__, gc.isenabled(), gc.get_freeze_count())
    """)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["FAILED", "MissingDependencyError", "True", "0"]


def test_the_pipeline_reads_the_same_with_the_collector_running():
    # load_pipeline pauses the collector while it builds: nothing it made may depend on that.
    done = _run("""
        import gc
        from tthc_docs.nlp.pipeline import annotate
        labels = [a.label for a in annotate("Sở Y tế báo cáo trước ngày 15/02/2025")]
        print(gc.isenabled(), gc.get_freeze_count() > 0, labels)
        gc.unfreeze()
        gc.collect()
        print([a.label for a in annotate("Sở Y tế báo cáo trước ngày 15/02/2025, đạt 100%")])
    """)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["True True ['AGENCY', 'DEADLINE']", "['AGENCY', 'DEADLINE', 'TARGET']"]


@pytest.mark.parametrize("text", [
    "Sở Tư pháp chủ trì, phối hợp với Văn phòng UBND tỉnh rà soát thủ tục hành chính trước ngày 15/02/2025.",
    "UBND các huyện, thị xã, thành phố triển khai Nghị định số 61/2018/NĐ-CP, đạt 100% hồ sơ.",
    "Bưu điện tỉnh, Kho bạc Nhà nước khu vực XV và Sở Thông tin truyền thông",
    "Tăng cường kỷ luật, kỷ cương hành chính.",
])
def test_agency_spans_are_the_agencies_of_the_whole_reading(text):
    alone = [(s.start_char, s.end_char, s._.agency) for s in agency_spans(text)]
    whole = [(s.start_char, s.end_char, s._.agency) for s in spans(read(text), "AGENCY")]
    assert alone == whole
    assert (alone != []) is (not text.startswith("Tăng"))


def test_agency_spans_refuse_what_is_not_text():
    with pytest.raises(DataError, match="not bytes"):
        agency_spans(b"S\xe1\xbb\x9f")


# A Doc the caller makes and marks (``doc._.cell``, ``doc._.reference``) is read as its cell
# says, the year of a deadline from its reference: what read() does, without read().
CALLER_DOCS = [
    ("Sở Tư pháp, Sở Nội vụ", "agencies", [("AGENCY", "Sở Tư pháp"), ("AGENCY", "Sở Nội vụ")]),
    ("Trong tháng 4", "deadline", [("DEADLINE", date(2025, 4, 30))]),
    ("Sở Tư pháp đạt tối thiểu 98%", "text", [("TARGET", 98)]),
    ("Sở Tư pháp hoàn thành trong tháng 4", None, [("AGENCY", "Sở Tư pháp"), ("DEADLINE", date(2025, 4, 30))]),
]


@pytest.mark.parametrize(("text", "cell", "expected"), CALLER_DOCS)
def test_a_doc_the_caller_marks_is_read_as_its_cell(text: str, cell: str | None, expected: list) -> None:
    nlp = load_pipeline()
    doc = nlp.make_doc(text)
    doc._.cell, doc._.reference = cell, date(2025, 2, 24)
    doc = nlp(doc)
    values = {"AGENCY": lambda e: e._.agency, "DEADLINE": lambda e: e._.deadline.due, "TARGET": lambda e: e._.target.value}
    assert [(e.label_, values[e.label_](e)) for e in doc.ents] == expected
    assert (doc._.cell, doc._.reference) == (cell, date(2025, 2, 24))
