"""How fast the Vietnamese NLP pipeline is, and which tokenizer it should use.

    python benchmarks/nlp_bench.py [--repeat 3] [--startup-runs 7]

The material is the text of every paragraph and table cell of the seed documents in
``corpus/``, read with :func:`tthc_docs.readers.read_path`. Printed, from one run:

1. the candidate tokenizers on that text — the pipeline's own syllable tokenizer
   (spaCy's rule-based one) and, when pyvi is installed, spaCy's ``vi`` with pyvi: time, whether
   ``doc.text`` reproduces the text, and how many entity spans (gazetteer agency names,
   outside legal references, deadline phrases, targets, legal references, each found
   on the characters) cut through a token, so that ``doc.char_span`` cannot place them
   without widening; and how many of those agency names the pipeline marks exactly;
2. the full pipeline (``annotate`` on every text) against underthesea ``word_tokenize``
   alone on the same text: the ratio must be ≤ 2;
3. ``tthc --help`` start-up time (median of several runs; it must not load spaCy or
   underthesea, which is checked);
4. the first-call model load time (``load_pipeline()`` in a fresh interpreter).

Timings are CPU time, the best of ``--repeat`` rounds, the two sides of the ratio
measured in alternation, so that a busy machine distorts them little; start-up and
load are also given as wall time, what a user waits.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
_FRESH_LOAD = (
    "import time; t, c = time.perf_counter(), time.process_time(); "
    "from tthc_docs.nlp.pipeline import load_pipeline; load_pipeline(); "
    "print(time.perf_counter() - t, time.process_time() - c)"
)
_HELP_IMPORTS = (
    "import sys; from tthc_docs.cli import main\n"
    "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
    "print('LOADED', sorted(m for m in ('spacy', 'underthesea', 'pyvi', 'thinc') if m in sys.modules))"
)


def seed_texts() -> list[str]:
    """Every non-blank paragraph and table cell of the seeds, in reading order."""
    from tthc_docs.readers import read_path

    texts = []
    for path in sorted(CORPUS.glob("*.txt")):
        doc = read_path(path)
        texts += [p.text for p in doc.paragraphs]
        texts += [cell for table in doc.tables for row in table.rows for cell in row.cells]
    return [t for t in texts if t.strip()]


def best_time(run: Callable[[], object], repeat: int) -> float:
    """CPU seconds of the fastest of ``repeat`` runs: CPU time, not wall time, so that
    other work on a shared machine does not count."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return min(times)


# ------------------------------------------------------------ tokenizer choice

def _agency_regex() -> re.Pattern[str]:
    """Every wording of every gazetteer name, matched on the characters (longest first)."""
    from tthc_docs.nlp.agency_patterns import agency_patterns

    wordings = sorted({p["pattern"] for p in agency_patterns() if isinstance(p["pattern"], str)}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in wordings) + r")(?!\w)",
                      re.IGNORECASE)


def _located(text: str, phrases: Iterable[str]) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for phrase in phrases:
        start = text.find(phrase, pos)
        if start >= 0:
            spans.append((start, start + len(phrase)))
            pos = start + len(phrase)
    return spans


def reference_spans(texts: list[str]) -> dict[str, list[list[tuple[int, int]]]]:
    """Per kind, per text: the character spans of the entities, found without tokens."""
    from tthc_docs.nlp.prose import deadline_phrases
    from tthc_docs.nlp.refs import find_legal_refs
    from tthc_docs.nlp.targets import find_targets

    agencies = _agency_regex()
    refs = [[(r.start, r.end) for r in find_legal_refs(t)] for t in texts]
    return {
        # A name inside a legal reference ("TTg" of "468/QĐ-TTg") belongs to the reference.
        "agency": [[m.span() for m in agencies.finditer(t) if not any(s < m.end() and m.start() < e for s, e in r)]
                   for t, r in zip(texts, refs)],
        "deadline": [_located(t, deadline_phrases(t)) for t in texts],
        "target": [_located(t, dict.fromkeys(x.text for x in find_targets(t))) for t in texts],
        "legal_ref": refs,
    }


def compare_tokenizers(texts: list[str], repeat: int) -> None:
    import spacy

    from tthc_docs.nlp.pipeline import add_components, load_pipeline

    candidates = {"syllables": load_pipeline()}
    if importlib.util.find_spec("pyvi") is None:  # not a dependency of the toolkit: compared when installed
        print("pyvi is not installed: spaCy's own `vi` tokenizer is left out (pip install pyvi to compare)")
    else:
        candidates["pyvi (spaCy vi)"] = add_components(spacy.blank("vi"))
    spans = reference_spans(texts)
    print(f"material: {len(texts)} paragraphs and cells, {sum(map(len, texts)):,} characters")
    print("entity spans found on the characters: "
          + ", ".join(f"{kind} {sum(map(len, found))}" for kind, found in spans.items()))
    header = f"{'tokenizer':<16} {'CPU s':>7} {'tokens':>7} {'text kept':>9}  " + "  ".join(
        f"{kind + ' cut':>13}" for kind in spans) + f"  {'agency found':>12}"
    print(header)
    for name, nlp in candidates.items():
        for text in texts[:20]:
            nlp.make_doc(text)  # warm the segmenter's model up
        seconds = best_time(lambda: [nlp.make_doc(t) for t in texts], repeat)
        docs = [nlp.make_doc(t) for t in texts]
        kept = sum(doc.text == text for doc, text in zip(docs, texts))
        cut = Counter()
        for kind, per_text in spans.items():
            for doc, found in zip(docs, per_text):
                cut[kind] += sum(doc.char_span(s, e) is None for s, e in found)
        found_agencies = 0
        for text, wanted in zip(texts, spans["agency"]):
            if wanted:
                doc = nlp(text)
                marked = {(e.start_char, e.end_char) for e in doc.ents if e.label_ == "AGENCY"}
                found_agencies += sum(span in marked for span in wanted)
        total = {kind: sum(map(len, per_text)) for kind, per_text in spans.items()}
        print(f"{name:<16} {seconds:7.2f} {sum(map(len, docs)):7d} {kept:5d}/{len(texts):<4d} "
              + "  ".join(f"{cut[kind]:5d} ({cut[kind] / max(total[kind], 1):5.1%})" for kind in spans)
              + f"  {found_agencies:5d} ({found_agencies / max(total['agency'], 1):5.1%})")


# ----------------------------------------------------------- pipeline speed

def pipeline_ratio(texts: list[str], repeat: int) -> None:
    from underthesea import word_tokenize

    from tthc_docs.nlp.pipeline import annotate, load_pipeline

    load_pipeline()
    annotate(texts[0])
    word_tokenize(texts[0])
    alone, full = [], []
    for _ in range(repeat):
        alone.append(best_time(lambda: [word_tokenize(t) for t in texts], 1))
        full.append(best_time(lambda: [annotate(t) for t in texts], 1))
    ratio = min(full) / min(alone)
    print(f"underthesea word_tokenize alone: {min(alone):.2f} s CPU; full pipeline (annotate): {min(full):.2f} s CPU; "
          f"ratio {ratio:.2f} ({'OK' if ratio <= 2 else 'OVER'} the limit of 2)")


# ------------------------------------------------------ start-up and loading

def _tthc() -> list[str]:
    script = Path(sys.executable).with_name("tthc")
    return [str(script)] if script.exists() else [sys.executable, "-c", "from tthc_docs.cli import main; main()"]


def startup(runs: int) -> None:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([*_tthc(), "--help"], check=True, capture_output=True)
        times.append(time.perf_counter() - start)  # wall time: what the user waits
    loaded = subprocess.run([sys.executable, "-c", _HELP_IMPORTS], check=True, capture_output=True, text=True)
    modules = loaded.stdout.strip().splitlines()[-1]
    print(f"tthc --help: median {statistics.median(times) * 1000:.0f} ms over {runs} runs "
          f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}); NLP modules {modules}")


def first_load(runs: int) -> None:
    wall, cpu = [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", _FRESH_LOAD], check=True, capture_output=True, text=True)
        seconds = out.stdout.strip().splitlines()[-1].split()
        wall.append(float(seconds[0]))
        cpu.append(float(seconds[1]))
    print(f"first-call load_pipeline() in a fresh interpreter (imports included): "
          f"median {statistics.median(wall):.2f} s wall, {statistics.median(cpu):.2f} s CPU over {runs} runs")


def deadline_kinds() -> None:
    """Every non-empty deadline cell of the task tables of seeds 001, 002 and 003."""
    from collections import Counter

    from tthc_docs.extract import extract_path

    seeds = sorted(p for p in CORPUS.glob("*.txt")
                   if p.name.startswith(("ke-hoach-5755", "an-giang-2025", "hai-duong-2022")))
    cells = [t.deadline for path in seeds for t in extract_path(path).tasks if t.deadline is not None]
    kinds = Counter(d.kind for d in cells)
    with_kind = sum(n for kind, n in kinds.items() if kind is not None)
    print(f"deadline cells: {len(cells)}; with a kind: {with_kind} ({with_kind / len(cells):.0%}); "
          f"other than 'none': {len(cells) - kinds['none']} ({(len(cells) - kinds['none']) / len(cells):.1%})")
    print("  " + ", ".join(f"{kind}: {n}" for kind, n in kinds.most_common()))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="timing rounds, best kept (default 3)")
    parser.add_argument("--startup-runs", type=int, default=7, help="runs of `tthc --help` (default 7)")
    parser.add_argument("--load-runs", type=int, default=3, help="fresh interpreters loading the pipeline")
    args = parser.parse_args(argv)
    texts = seed_texts()
    print("== 1. tokenizer: syllables (the pipeline's) vs pyvi")
    compare_tokenizers(texts, args.repeat)
    print("\n== 2. full pipeline vs underthesea word_tokenize alone")
    pipeline_ratio(texts, args.repeat)
    print("\n== 3. start-up")
    startup(args.startup_runs)
    print("\n== 4. model load")
    first_load(args.load_runs)
    print("\n== 5. deadline cells of seeds 001, 002, 003")
    deadline_kinds()


if __name__ == "__main__":
    main()
