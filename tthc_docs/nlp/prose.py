"""Tasks given in prose: the numbered instructions of a directive or letter.

Steps:
1. ``body_paragraphs`` — the paragraphs between the preamble and the closing
   ("./.", "Nơi nhận:", signature, appendix); footnotes taken out and kept
   by their marker; a paragraph cut by a page break or a footnote joined back.
2. ``outline`` — items "1." → "a)" → "- " as a tree; unmarked text belongs to the
   item above it.
3. ``prose_tasks`` — walk the tree: a heading's addressee ("10. Sở Thông tin và
   Truyền thông hoàn thành … trước ngày 30/11/2024 …:") and deadline pass to its
   items, an item's own wins; a heading that only introduces items is not a
   task; dash bullets become tasks of their own only when they assign distinct
   work (each its own deadline, or the heading names no work of its own),
   otherwise they stay in their parent's content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from ..models import Deadline, SourceRef, Task
from ..blocks import Paragraph, RawDocument
from .agencies import split_agencies
from .deadline_phrases import find_deadline_phrases
from ..datafile import load_mapping, require
from ..text.phrases import longest_first
from .pos import VERB_TAGS, has_verb, tags

DATA_FILE = "prose.yaml"
_TITLE_MAX_CHARS = 80
_ITEM = re.compile(r"^(\d{1,2})\.\s+(.*)$", re.DOTALL)
_SUBITEM = re.compile(r"^([a-zđ])[).]\s+(.*)$", re.DOTALL)
_BULLET = re.compile(r"^[-–•+]\s*(.*)$", re.DOTALL)
_FOOTNOTE = re.compile(r"^([¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\d+\]|\(\d+\))\s*(.+)$", re.DOTALL)
_MARKER_IN_TEXT = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
_CLOSING = re.compile(r"\./\.\s*$")
_SENTENCE_END = (".", ":", ";", "!", "?", "./.")
_SECTION = re.compile(r"^([IVXLC]+)\.\s+(.+)$", re.DOTALL)


@dataclass(frozen=True)
class _Vocabulary:
    stop: re.Pattern
    elided_departments: re.Pattern
    preamble_end: re.Pattern
    topic: re.Pattern
    titles_inside: re.Pattern
    role_titles: re.Pattern
    subject_end: re.Pattern
    request: re.Pattern
    coordination: re.Pattern
    non_task_sections: tuple[str, ...]


@cache
def vocabulary() -> _Vocabulary:
    data = load_mapping(DATA_FILE)
    lists = {key: require(DATA_FILE, data, key, list) for key in (
        "subject_verbs", "role_titles", "preamble_end", "topic_openers", "stop_lines", "department_list_end",
        "non_task_sections", "request_verbs")}
    titles = longest_first(lists["role_titles"], gap=None)
    return _Vocabulary(
        stop=re.compile(rf"^(?:{longest_first(lists['stop_lines'], gap=None)})(?!\w)"),
        elided_departments=re.compile(
            r"(?:[Rr]iêng\s+)?các\s+[Ss]ở\s*:\s*(.+?)(?:\.\.\.|…|(?=\s+(?:"
            + longest_first(lists["department_list_end"], gap=None) + r")\b))"),
        preamble_end=re.compile(rf"\s+(?:{longest_first(lists['preamble_end'], gap=None)})\b", re.IGNORECASE),
        topic=re.compile(rf"^(?:{longest_first(lists['topic_openers'], gap=None)})\s", re.IGNORECASE),
        titles_inside=re.compile(rf"\b(?:{titles})\s+|\s+thuộc\s+(?:UBND|Ủy ban nhân dân)\s+tỉnh\b"),
        role_titles=re.compile(rf"^(?:{titles})\s+", re.IGNORECASE),
        # the subject also ends where the opening sentence's list of addressees does
        subject_end=re.compile(rf"\s+(?:{longest_first(lists['subject_verbs'] + lists['preamble_end'], gap=None)})\b|\s*:\s*"),
        request=re.compile(rf"\b(?:{longest_first(lists['request_verbs'], gap=None)})\s+(.+)$", re.DOTALL),
        # "phối hợp với Sở Tư pháp, Sở Nội vụ rà soát …": up to the next verb or clause
        coordination=re.compile(r"\bphối hợp(?:\s+(?:với|cùng))?\s+(.+?)(?=[.;:(]|\s+(?:để|nhằm|trong|theo)\s|$)",
                                re.DOTALL),
        non_task_sections=tuple(w.upper() for w in lists["non_task_sections"]),
    )


@dataclass
class Node:
    label: str
    text: str
    line: int | None
    kind: str  # "section" | "item" | "subitem" | "bullet"
    children: list[Node] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(_SENTENCE_END)


def _continues(before: str, text: str) -> bool:
    """Whether ``text`` is the rest of the paragraph ``before``, cut by a page break
    or a footnote: ``before`` stops mid-sentence and ``text`` starts in lower case,
    or ``before`` is a sentence, not a short heading ("2. Tuyên truyền trên báo chí")."""
    if _ends_sentence(before) or _is_marked(text):
        return False
    body = _ITEM.sub(r"\2", before)
    return text[:1].islower() or not _is_title(_SUBITEM.sub(r"\2", body))


def _is_marked(text: str) -> bool:
    return bool(_ITEM.match(text) or _SUBITEM.match(text) or _BULLET.match(text))


def body_paragraphs(doc: RawDocument) -> tuple[list[Paragraph], dict[str, str]]:
    """Paragraphs of the instructions, and footnote texts by marker."""
    paragraphs = list(doc.paragraphs)
    start = _first_instruction(paragraphs)
    body: list[Paragraph] = []
    footnotes: dict[str, str] = {}
    for paragraph in paragraphs[start:]:
        text = paragraph.text.strip()
        if vocabulary().stop.match(text):
            break
        footnote = _FOOTNOTE.match(text)
        if footnote and not _ITEM.match(text):
            footnotes[footnote.group(1)] = footnote.group(2).strip()
            continue
        if body and _continues(body[-1].text, text):
            body[-1] = Paragraph(f"{body[-1].text} {text}", body[-1].source)  # cut by a page or footnote
        else:
            body.append(Paragraph(text, paragraph.source))
        if _CLOSING.search(text):
            body.pop()  # "Yêu cầu … thực hiện./." closes the instructions
            break
    return body, footnotes


def _first_instruction(paragraphs: list[Paragraph]) -> int:
    """The first numbered item or part ("1.", "I."); in a letter without numbers,
    the first a) or dash item after a sentence ending in ":" (not "Kính gửi:")."""
    for i, paragraph in enumerate(paragraphs):
        if _ITEM.match(paragraph.text) or _SECTION.match(paragraph.text):
            return i
    for i, paragraph in enumerate(paragraphs[1:], start=1):
        before = paragraphs[i - 1].text.strip()
        if ((_SUBITEM.match(paragraph.text) or _BULLET.match(paragraph.text))
                and before.endswith(":") and not before.lower().startswith("kính gửi")):
            return i
    return len(paragraphs)


def outline(paragraphs: list[Paragraph]) -> list[Node]:
    roots: list[Node] = []
    stack: list[Node] = []
    depth = {"section": -1, "item": 0, "subitem": 1, "bullet": 2}
    bullets = 0
    for paragraph in paragraphs:
        text, line = paragraph.text, paragraph.source.line
        for kind, pattern in (("section", _SECTION), ("item", _ITEM), ("subitem", _SUBITEM),
                              ("bullet", _BULLET)):
            match = pattern.match(text)
            if match:
                break
        else:
            if stack:
                stack[-1].text = f"{stack[-1].text}\n{text}"
            continue
        if kind == "bullet":
            bullets += 1
            label = str(bullets)
        else:
            bullets = 0
            label = match.group(1)
        node = Node(label, match.group(match.lastindex or 1).strip(), line, kind)
        while stack and depth[stack[-1].kind] >= depth[kind]:
            stack.pop()
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots


def deadline_phrases(text: str) -> list[str]:
    """The deadline phrases of a sentence, as written."""
    return [phrase.text for phrase in find_deadline_phrases(text)]


def assigned_agencies(text: str) -> str | None:
    """The agencies a sentence assigns the work to, as written: a list of
    departments ("Riêng các sở: Tài nguyên và Môi trường, …") or the subject
    before the verb ("Sở Thông tin và Truyền thông hoàn thành …")."""
    elided = vocabulary().elided_departments.search(text)
    if elided:
        return f"Các sở: {elided.group(1).strip().rstrip(',')}"
    head = vocabulary().titles_inside.sub(" ", vocabulary().role_titles.sub("", text.strip()))[:200]
    for cut in sorted(_subject_cuts(head), reverse=True):
        subject = head[:cut].strip().rstrip(":,").strip()
        split = split_agencies(subject) if subject else None
        if split and split.agencies and not split.unknown and not split.references:
            return subject
    return None


def coordinating_agencies(text: str) -> str | None:
    """The agencies a sentence names after "phối hợp (với)": "chủ trì, phối hợp với
    Văn phòng UBND tỉnh, Sở Tư pháp rà soát …" → "Văn phòng UBND tỉnh, Sở Tư pháp".
    Only names the gazetteer knows; None when there are none."""
    found: list[str] = []
    for match in vocabulary().coordination.finditer(text):
        span = match.group(1)[:200]
        for cut in sorted(_subject_cuts(span), reverse=True):
            split = split_agencies(span[:cut].strip(" ,"))
            known = [a.text for a in split.agencies if a.known]
            if known and not split.unknown:
                found.extend(known)
                break
    return "; ".join(dict.fromkeys(found)) or None


def _subject_cuts(head: str) -> set[int]:
    """Where the subject of a sentence may end: before a verb the tagger finds
    (any verb, "bố trí", "cập nhật" …) or one of the usual verbs and the colon."""
    cuts = {m.start() for m in vocabulary().subject_end.finditer(head)} | {len(head)}
    offset = 0
    for word, tag in tags(head):
        position = head.find(word, offset)
        if position < 0:
            continue
        offset = position + len(word)
        if tag in VERB_TAGS and position > 0:
            cuts.add(position)
    return cuts


@lru_cache(maxsize=1024)  # asked of each heading several times while walking the outline
def _is_addressee_only(text: str) -> bool:
    """A heading that names who acts and nothing else ("11. Sở Nội vụ",
    "d) Văn phòng UBND tỉnh:")."""
    bare = vocabulary().role_titles.sub("", text.strip()).rstrip(":").strip()
    bare = " ".join(vocabulary().titles_inside.sub(" ", bare).split())
    split = split_agencies(bare)
    if split.agencies and not split.unknown and not split.references:
        return True
    return not has_verb(bare)


def _introduces(text: str) -> bool:
    """A heading that only introduces its items: it ends with ":", names only
    who acts, or names only a topic ("1. Về công bố, công khai …")."""
    text = text.rstrip()
    return (text.endswith(":") or _is_addressee_only(text) or _is_title(text)
            or (bool(vocabulary().topic.match(text)) and "." not in text.rstrip(".")))


def _is_title(text: str) -> bool:
    """A short heading without a full stop ("2. Tuyên truyền trên báo chí")."""
    return "\n" not in text and len(text) <= _TITLE_MAX_CHARS and not text.endswith((".", ";"))


def preamble_addressees(doc: RawDocument) -> str | None:
    """Who the instructions are for, from the sentence that opens them ("Chủ tịch
    UBND tỉnh yêu cầu Thủ trưởng các Sở, ban, ngành, Chủ tịch UBND các huyện …
    thực hiện …:"): the lead of every item that names no agency of its own."""
    paragraphs = list(doc.paragraphs)
    for paragraph in reversed(paragraphs[:_first_instruction(paragraphs)]):
        request = vocabulary().request.search(paragraph.text)
        if request:
            named = vocabulary().titles_inside.sub(" ", request.group(1))
            ends = [m.start() for m in (vocabulary().subject_end.search(named), vocabulary().preamble_end.search(named)) if m]
            subject = " ".join(named[:min(ends, default=len(named))].split()).strip(" ,:")
            split = split_agencies(subject) if subject else None
            if split and split.agencies and not split.unknown:
                return subject
            return None
    return None


def _splits_bullets(node: Node) -> bool:
    bullets = [c for c in node.children if c.kind == "bullet"]
    if not bullets:
        return False
    if _is_addressee_only(node.text):
        return True
    with_deadline = sum(1 for b in bullets if deadline_phrases(b.text))
    return node.text.rstrip().endswith(":") and with_deadline >= 2


@dataclass(frozen=True)
class _Context:
    lead: str | None
    deadline: str | None
    section: str | None


def _notes(text: str, footnotes: dict[str, str]) -> tuple[str, str | None]:
    markers = _MARKER_IN_TEXT.findall(text)
    notes = [footnotes[m] for m in markers if m in footnotes]
    return _MARKER_IN_TEXT.sub("", text), ("\n".join(notes) or None)


def _walk(node: Node, prefix: str, context: _Context, footnotes: dict[str, str], out: list[Task]) -> None:
    node_id = f"{prefix}{node.label}"
    if node.kind == "section":  # "II. NHIỆM VỤ, GIẢI PHÁP": its items are tasks, unless it states aims
        if not node.text.strip().upper().startswith(vocabulary().non_task_sections):
            inner = _Context(context.lead, context.deadline, f"{node.label}. {node.text.strip()}")
            for child in node.children:
                _walk(child, f"{node_id}.", inner, footnotes, out)
        return
    split_bullets = _splits_bullets(node)
    task_children = [c for c in node.children if c.kind != "bullet" or split_bullets]
    text = node.text
    if not split_bullets:  # bullets that enumerate parts of one instruction stay in it
        text = "\n".join([text] + [f"- {c.text}" for c in node.children if c.kind == "bullet"])
    phrases = deadline_phrases(text)
    deadline = "; ".join(phrases) if phrases else context.deadline
    first, _, rest = node.text.partition("\n")
    lead = assigned_agencies(first) or (assigned_agencies(rest) if _is_title(first) else None) or context.lead
    section = context.section
    if node.kind == "item" and node.children and _introduces(node.text):
        section = f"{node.label}. {node.text.rstrip(':').strip()}"
    if not (task_children and _introduces(node.text)):
        content, notes = _notes(text, footnotes)
        out.append(Task(id=node_id, content=" ".join(content.split()), section=section, lead_raw=lead,
                        coordinating_raw=coordinating_agencies(content),
                        deadline=Deadline(text=deadline) if deadline else None, notes=notes,
                        origin="prose", source=SourceRef(line=node.line)))
    inner = _Context(lead, deadline, section)
    for child in task_children:
        _walk(child, f"{node_id}.", inner, footnotes, out)


def prose_tasks(doc: RawDocument) -> tuple[Task, ...]:
    """Tasks of the numbered instructions in the document body (() if none)."""
    paragraphs, footnotes = body_paragraphs(doc)
    tasks: list[Task] = []
    context = _Context(preamble_addressees(doc), None, None)
    for root in outline(paragraphs):
        _walk(root, "", context, footnotes, tasks)
    return tuple(tasks)
