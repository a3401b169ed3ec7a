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
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache, lru_cache

from ..models import Deadline, SourceRef, Task
from ..blocks import Paragraph, RawDocument
from .agencies import AgencyMention, split_agencies, starts_with_agency_head
from .gazetteer import agency_key, gazetteer_data
from .pipeline import agency_spans, read, read_all, spans
from ..datafile import load_mapping, require
from ..text.phrases import longest_first
from .pos import VERB_TAGS, has_verb, tags

DATA_FILE = "prose.yaml"
_TITLE_MAX_CHARS = 80
_LIST_MAX_CHARS = 200  # the longest list of coordinating agencies read
_OPENING_CHARS = 60  # enough for two words and the abbreviations spelled out of them
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
    article: re.Pattern
    coordination_opening: re.Pattern
    general: re.Pattern
    appendix_pointer: re.Pattern
    attached_titles: tuple[str, ...]
    elided_departments: re.Pattern
    preamble_end: re.Pattern
    topic: re.Pattern
    titles_inside: re.Pattern
    role_titles: re.Pattern
    subject_end: re.Pattern
    request: re.Pattern
    coordination: re.Pattern
    non_task_sections: tuple[str, ...]
    non_task_items: tuple[str, ...]


@cache
def vocabulary() -> _Vocabulary:
    data = load_mapping(DATA_FILE)
    lists = {key: require(DATA_FILE, data, key, list) for key in (
        "subject_verbs", "role_titles", "preamble_end", "topic_openers", "stop_lines", "department_list_end",
        "non_task_sections", "non_task_items", "request_verbs", "article_words", "coordination_links", "coordination_adverbs",
        "general_requirements", "appendix_pointers", "attached_documents", "heading_openers")}
    titles = longest_first(lists["role_titles"], gap=None)
    # "phối hợp chặt chẽ với": the verb, its adverbs, its preposition
    coordination = (rf"\bphối hợp(?:,?\s+(?:{longest_first(lists['coordination_adverbs'], gap=None)}))*"
                    rf"(?:\s+(?:{longest_first(lists['coordination_links'], gap=None)}))?\s+")
    return _Vocabulary(
        stop=re.compile(rf"^(?:{longest_first(lists['stop_lines'], gap=None)})(?!\w)"),
        article=re.compile(rf"^((?:{longest_first(lists['article_words'], gap=None)})\s+\d{{1,3}})\s*[.:]\s+(.*)$", re.DOTALL),
        coordination_opening=re.compile(rf"^{coordination}", re.IGNORECASE),
        general=re.compile(rf"\b(?:{longest_first(lists['general_requirements'], gap=None)})\b", re.IGNORECASE),
        # a note of its own: "(Chi tiết tại Phụ lục kèm theo)", not "căn cứ nhiệm vụ tại Phụ lục …"
        appendix_pointer=re.compile(rf"(?:^|\()\s*(?:{longest_first(lists['appendix_pointers'], gap=None)})\b",
                                    re.IGNORECASE | re.MULTILINE),
        attached_titles=tuple(w.upper() for w in lists["attached_documents"]),
        elided_departments=re.compile(
            r"(?:[Rr]iêng\s+)?các\s+[Ss]ở\s*:\s*(.+?)(?:\.\.\.|…|(?=\s+(?:"
            + longest_first(lists["department_list_end"], gap=None) + r")\b))"),
        preamble_end=re.compile(rf"\s+(?:{longest_first(lists['preamble_end'], gap=None)})\b", re.IGNORECASE),
        topic=re.compile(rf"^(?:{longest_first(lists['topic_openers'], gap=None)})\s", re.IGNORECASE),
        titles_inside=re.compile(rf"\b(?:{titles})\s+|\s+thuộc\s+(?:UBND|Ủy ban nhân dân)\s+tỉnh\b"),
        role_titles=re.compile(rf"^(?:{longest_first(lists['role_titles'] + lists['heading_openers'], gap=None)})\s+", re.IGNORECASE),
        # the subject also ends where the opening sentence's list of addressees does
        subject_end=re.compile(rf"\s+(?:{longest_first(lists['subject_verbs'] + lists['preamble_end'], gap=None)})\b|\s*:\s*"),
        request=re.compile(rf"\b(?:{longest_first(lists['request_verbs'], gap=None)})\s+(.+)$", re.DOTALL),
        # "phối hợp với Sở Tư pháp, Sở Nội vụ rà soát …": up to the next verb or clause
        coordination=re.compile(rf"{coordination}(.+?)(?=[.;:(]|\s+(?:để|nhằm|trong|theo)\s|$)",
                                re.DOTALL | re.IGNORECASE),
        non_task_sections=tuple(w.upper() for w in lists["non_task_sections"]),
        non_task_items=tuple(w.upper() for w in lists["non_task_items"]),
    )


@dataclass
class Node:
    label: str
    text: str
    line: int | None
    kind: str  # "section" | "article" | "item" | "subitem" | "bullet"
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
    return bool(_ITEM.match(text) or _SUBITEM.match(text) or _BULLET.match(text) or vocabulary().article.match(text))


def body_paragraphs(doc: RawDocument) -> tuple[list[Paragraph], dict[str, str]]:
    """Paragraphs of the instructions, and footnote texts by marker. A decision's
    instructions end at its closing; those of a plan it issues ("KẾ HOẠCH" after the
    signature) follow."""
    paragraphs = list(doc.paragraphs)
    body: list[Paragraph] = []
    footnotes: dict[str, str] = {}
    start = _first_instruction(paragraphs)
    while start < len(paragraphs):
        end = _read_body(paragraphs, start, body, footnotes)
        title = next((i for i in range(end, len(paragraphs)) if _opens_attached(paragraphs[i].text)), None)
        if title is None:
            break
        start = title + _first_instruction(paragraphs[title:])
    return body, footnotes


def _read_body(paragraphs: list[Paragraph], start: int, body: list[Paragraph], footnotes: dict[str, str]) -> int:
    """Add the instructions from ``start`` to ``body``; the index where they end."""
    first = len(body)
    for index in range(start, len(paragraphs)):
        paragraph = paragraphs[index]
        text = paragraph.text.strip()
        if vocabulary().stop.match(text):
            return index
        footnote = _FOOTNOTE.match(text)
        if footnote and not _ITEM.match(text):
            footnotes[footnote.group(1)] = footnote.group(2).strip()
            continue
        if len(body) > first and _continues(body[-1].text, text):
            body[-1] = Paragraph(f"{body[-1].text} {text}", body[-1].source)  # cut by a page or footnote
        else:
            body.append(Paragraph(text, paragraph.source))
        if _CLOSING.search(text):
            body.pop()  # "Yêu cầu … thực hiện./." closes the instructions
            return index + 1
    return len(paragraphs)


def _opens_attached(text: str) -> bool:
    """A title line of a document issued with a decision ("KẾ HOẠCH", "KẾ HOẠCH TRIỂN KHAI …")."""
    text = text.strip()
    return text.isupper() and text.startswith(vocabulary().attached_titles)


def _first_instruction(paragraphs: list[Paragraph]) -> int:
    """The first numbered item, part or article ("1.", "I.", "Điều 1."); in a letter without
    numbers, the first a) or dash item after a sentence ending in ":" (not "Kính gửi:")."""
    for i, paragraph in enumerate(paragraphs):
        if _ITEM.match(paragraph.text) or _SECTION.match(paragraph.text) or vocabulary().article.match(paragraph.text):
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
    depth = {"section": -1, "article": -1, "item": 0, "subitem": 1, "bullet": 2}
    bullets = 0
    for paragraph in paragraphs:
        text, line = paragraph.text, paragraph.source.line
        for kind, pattern in (("article", vocabulary().article), ("section", _SECTION), ("item", _ITEM),
                              ("subitem", _SUBITEM), ("bullet", _BULLET)):
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
            label = " ".join(match.group(1).split())
        node = Node(label, match.group(match.lastindex or 1).strip(), line, kind)
        while stack and depth[stack[-1].kind] >= depth[kind]:
            stack.pop()
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots


def deadlines(text: str, reference: date | None = None) -> tuple[Deadline, ...]:
    """The deadlines of a block: the values of its DEADLINE spans, in order."""
    return tuple(span._.deadline for span in spans(read(text, reference=reference), "DEADLINE"))


def deadline_phrases(text: str, reference: date | None = None) -> list[str]:
    """The deadline phrases of a sentence (whitespace collapsed)."""
    return [deadline.text for deadline in deadlines(text, reference)]


@cache
def _name_openings() -> frozenset[str]:
    """The first two words (as keys compare) of every gazetteer name, list head, scope label
    and agency head, and the whole of those of one word."""
    g = gazetteer_data()
    keys = (*g.index, *(k for name in ("list_heads", "scope_labels", "proper_heads", "common_heads")
                        for k in g.keyed[name]))
    return frozenset(" ".join(key.split()[:2]) for key in keys if key)


def _opens_with_agency(text: str) -> bool:
    """Whether the text can open with an agency: an AGENCY span of its Doc starts at its
    first word, it starts with an agency head ("Bưu điện tỉnh …", "Kho bạc …"), or its
    first two words open a name the gazetteer knows (a near-miss keeps the first word, a
    cut list the first two: "Sở, ban, ngành tỉnh"). Only then is it worth asking where
    the names end."""
    stripped = text.lstrip()
    if not stripped:
        return False
    words = agency_key(stripped[:_OPENING_CHARS]).split()
    openings = _name_openings()
    if words and (" ".join(words[:2]) in openings or words[0] in openings):
        return True
    start = len(text) - len(stripped)
    return starts_with_agency_head(stripped) or any(span.start_char == start for span in agency_spans(text))


def assigned_agencies(text: str) -> str | None:
    """The agencies a sentence assigns the work to, as written: a list of
    departments ("Riêng các sở: Tài nguyên và Môi trường, …") or the subject
    before the verb ("Sở Thông tin và Truyền thông hoàn thành …"). A sentence that opens
    with "Phối hợp với X" names who helps, not who acts: None."""
    if vocabulary().coordination_opening.match(text.strip()):
        return None
    elided = vocabulary().elided_departments.search(text)
    if elided:
        return f"Các sở: {elided.group(1).strip().rstrip(',')}"
    head = vocabulary().titles_inside.sub(" ", vocabulary().role_titles.sub("", text.strip()))[:200].strip()
    if not _opens_with_agency(head):
        return None
    cuts = _subject_cuts(head)
    verbs = _lowercase(head, cuts)
    refused: set[str] = set()
    for cut in sorted(cuts, reverse=True):
        subject = head[:cut].rstrip().rstrip(":,").strip()
        if subject in refused:
            continue  # two cuts around the same spaces or comma give one subject: refused already
        refused.add(subject)
        split = split_agencies(subject) if subject else None
        if split and split.agencies and not split.references and all(_is_agency(m, verbs) for m in split.agencies):
            return subject
    return None


def _lowercase(text: str, cuts: set[int]) -> set[int]:
    """The cuts before a word in lower case: a capitalised verb is part of a name
    ("Văn phòng Đăng ký đất đai", "Trung tâm Kinh doanh")."""
    return {cut for cut in cuts if not text[cut:].lstrip()[:1].isupper()}


def coordinating_agencies(text: str) -> str | None:
    """The agencies a sentence names after "phối hợp (chặt chẽ) với": "chủ trì, phối hợp với
    Văn phòng UBND tỉnh, Sở Tư pháp rà soát …" → "Văn phòng UBND tỉnh; Sở Tư pháp". A name
    the gazetteer lacks is kept as written when it starts with an agency head word
    ("Kho bạc Nhà nước khu vực XV"); the list stops before any other. None when there are none."""
    found: list[str] = []
    for match in vocabulary().coordination.finditer(text):
        span = match.group(1)
        if not _opens_with_agency(span):
            continue
        if len(span) > _LIST_MAX_CHARS:  # a cut list ends at its last whole name
            span = span[:span.rfind(",", 0, _LIST_MAX_CHARS) + 1 or _LIST_MAX_CHARS]
        verbs = _lowercase(span, _subject_cuts(span))
        ends = verbs | {i for i, ch in enumerate(span) if ch == ","}
        # the longest reading in which every name is an agency
        for end in sorted(ends, reverse=True):
            mentions = split_agencies(span[:end]).agencies
            if mentions and all(_is_agency(m, verbs) for m in mentions):
                found.extend(m.text for m in mentions)
                break
    return "; ".join(dict.fromkeys(found)) or None


def _is_agency(mention: AgencyMention, verbs: set[int]) -> bool:
    """A name the gazetteer knows, or one that starts with an agency head word and runs over
    no comma and no verb ("Bưu điện tỉnh triển khai …" is a name and a verb)."""
    if mention.known:
        return True
    return (starts_with_agency_head(mention.text) and "," not in mention.text
            and not any(mention.start < cut < mention.end for cut in verbs))


def _subject_cuts(head: str) -> set[int]:
    """Where the subject of a sentence may end: before a verb the tagger finds
    (any verb, "bố trí", "cập nhật" …) or one of the usual verbs and the colon. The
    tagger reads only the stretch where the subject can end (:func:`_names_end`)."""
    cuts = {m.start() for m in vocabulary().subject_end.finditer(head)} | {len(head)}
    tagged = head[:_names_end(head)]
    offset = 0
    for word, tag in tags(tagged):
        position = head.find(word, offset)
        if position < 0:
            continue
        offset = position + len(word)
        if tag in VERB_TAGS and position > 0:
            cuts.add(position)
    return cuts


_BETWEEN_NAMES = re.compile(r"(?:[\s,;()]|\b(?:và|các)\b)*")
_MARGIN_WORDS = 4
_MARGIN = re.compile(rf"(?:\s*\S+){{1,{_MARGIN_WORDS}}}")


def _names_end(text: str) -> int:
    """Where the run of agency names opening the text surely ends: past the AGENCY spans
    of its Doc that follow one another with only commas, "và", "các" or parentheses
    between, and ``_MARGIN_WORDS`` words more, for the verb after them and the tagger's
    context.
    The whole text when no AGENCY span opens it (a name only a near-miss finds)."""
    found = sorted(agency_spans(text), key=lambda span: span.start_char)
    stripped = len(text) - len(text.lstrip())
    if not found or found[0].start_char != stripped:
        return len(text)
    end = found[0].end_char
    for span in found[1:]:
        if span.start_char < end:
            continue
        if _BETWEEN_NAMES.match(text, end).end() < span.start_char:
            break
        end = span.end_char
    margin = _MARGIN.match(text, end)
    return margin.end() if margin else len(text)


@lru_cache(maxsize=1024)  # asked of each heading several times while walking the outline
def _is_addressee_only(text: str) -> bool:
    """A heading that names who acts and nothing else ("11. Sở Nội vụ",
    "d) Văn phòng UBND tỉnh:")."""
    bare = vocabulary().role_titles.sub("", text.strip()).rstrip(":").strip()
    bare = " ".join(vocabulary().titles_inside.sub(" ", bare).split())
    if _opens_with_agency(bare):
        split = split_agencies(bare)
        if split.agencies and not split.unknown and not split.references:
            return True
    return not has_verb(bare)


def _introduces(text: str) -> bool:
    """A heading that only introduces its items: it ends with ":", names only
    who acts, or names only a topic ("1. Về công bố, công khai …")."""
    text = text.rstrip()
    # The checks that need no tagger first: any one decides.
    return (text.endswith(":") or _is_title(text)
            or (bool(vocabulary().topic.match(text)) and "." not in text.rstrip("."))
            or _is_addressee_only(text))


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


def _splits_bullets(node: Node, reference: date | None) -> bool:
    bullets = [c for c in node.children if c.kind == "bullet"]
    if not bullets:
        return False
    # The bullets are read either way (here, or as tasks when they split): asking them
    # first spares tagging a long heading whose bullets decide alone.
    with_deadline = sum(1 for b in bullets if deadlines(b.text, reference))
    return (node.text.rstrip().endswith(":") and with_deadline >= 2) or _is_addressee_only(node.text)


@dataclass(frozen=True)
class _Context:
    lead: str | None            # named by a heading above
    addressees: str | None      # named by the opening sentence
    deadline: str | None
    section: str | None
    need_agency: bool           # only items that name who acts are tasks
    reference: date | None      # the document's date


def _notes(text: str, footnotes: dict[str, str]) -> tuple[str, str | None]:
    markers = _MARKER_IN_TEXT.findall(text)
    notes = [footnotes[m] for m in markers if m in footnotes]
    return _MARKER_IN_TEXT.sub("", text), ("\n".join(notes) or None)


_SENTENCES = re.compile(r"(?<=[.;])\s+|\n")


def _is_general(text: str) -> bool:
    """An item whose every sentence only asks to carry out what the document assigns or
    says who is accountable ("… tổ chức thực hiện nhiệm vụ được giao tại Kế hoạch này")."""
    sentences = [s for s in _SENTENCES.split(text) if s.strip()]
    return bool(sentences) and all(vocabulary().general.search(s) for s in sentences)


def _states_aims(text: str) -> bool:
    """A short heading naming a part that states aims, background or funding ("Mục đích",
    "Yêu cầu:", "Kinh phí thực hiện"), not an instruction ("Yêu cầu Sở Tư pháp rà soát")."""
    first = text.partition("\n")[0].strip().rstrip(":").strip()
    return (_is_title(first) and first.upper().startswith(vocabulary().non_task_items)
            and assigned_agencies(first) is None and not vocabulary().request.search(first))


def _points_to_appendix(node: Node) -> bool:
    """A part whose text sends the reader to the appendix ("(Chi tiết tại Phụ lục kèm theo)")."""
    return bool(vocabulary().appendix_pointer.search(node.text)) or any(map(_points_to_appendix, node.children))


def _own_deadline(found: tuple[Deadline, ...], inherited: str | None) -> str | None:
    """An item's own deadlines win over its heading's, but a condition alone ("kiểm
    tra đột xuất", "sau khi có hướng dẫn") does not replace the heading's date: both are kept
    and the date wins when the text is read."""
    if not found:
        return inherited
    own = "; ".join(d.text for d in found)
    if inherited and all(d.kind == "conditional" and d.due is None for d in found):
        return f"{inherited}; {own}"
    return own


def _walk(node: Node, prefix: str, context: _Context, footnotes: dict[str, str], out: list[Task]) -> None:
    node_id = f"{prefix}{node.label}"
    if node.kind == "section":  # "II. NHIỆM VỤ, GIẢI PHÁP": its items are tasks, unless it states aims
        task_part = not node.text.strip().upper().startswith(vocabulary().non_task_sections)
        # with a task table, a part that sends the reader to it only summarises it
        if task_part and not (context.need_agency and _points_to_appendix(node)):
            read_all((block.text for block in _blocks(node.children)), reference=context.reference)
            inner = replace(context, section=f"{node.label}. {node.text.strip()}")
            for child in node.children:
                _walk(child, f"{node_id}.", inner, footnotes, out)
        return
    if node.kind == "item" and context.section is None and _states_aims(node.text):
        return  # "1. Mục đích, yêu cầu" of a plan numbered without Roman parts
    if node.kind == "article":  # a decision's article assigns work only when it names who acts
        context = replace(context, need_agency=True)
    split_bullets = _splits_bullets(node, context.reference)
    task_children = [c for c in node.children if c.kind != "bullet" or split_bullets]
    text = node.text
    if not split_bullets:  # bullets that enumerate parts of one instruction stay in it
        text = "\n".join([text] + [f"- {c.text}" for c in node.children if c.kind == "bullet"])
    deadline = _own_deadline(deadlines(text, context.reference), context.deadline)
    first, _, rest = node.text.partition("\n")
    lead = assigned_agencies(first) or (assigned_agencies(rest) if _is_title(first) else None) or context.lead
    section = context.section
    if node.kind in ("item", "article") and node.children and _introduces(node.text):
        section = f"{node.label}. {node.text.rstrip(':').strip()}"
    lead_raw = lead if context.need_agency else lead or context.addressees
    introduces = bool(task_children) and _introduces(node.text)
    if not introduces and (lead_raw or not context.need_agency) and not _is_general(text):
        content, notes = _notes(text, footnotes)
        out.append(Task(id=node_id, content=" ".join(content.split()), section=section, lead_raw=lead_raw,
                        coordinating_raw=coordinating_agencies(content),
                        deadline=Deadline(text=deadline) if deadline else None, notes=notes,
                        origin="prose", source=SourceRef(line=node.line)))
    inner = replace(context, lead=lead, deadline=deadline, section=section)
    for child in task_children:
        _walk(child, f"{node_id}.", inner, footnotes, out)


def prose_tasks(doc: RawDocument, *, need_agency: bool = False, reference: date | None = None) -> tuple[Task, ...]:
    """Tasks of the numbered instructions in the document body (() if none).

    ``need_agency``: only items that name who acts (themselves or in a heading above:
    "1. Sở Nội vụ chủ trì …", "Giao Sở Tư pháp …") are tasks — the body of a plan or
    decision that also has a task table, whose other items summarise the table.
    ``reference``: the document's date, for deadlines without a year."""
    paragraphs, footnotes = body_paragraphs(doc)
    tasks: list[Task] = []
    context = _Context(None, preamble_addressees(doc), None, None, need_agency, reference)
    roots = outline(paragraphs)
    read_all((block.text for block in _blocks(roots)), reference=reference)
    for root in roots:
        _walk(root, "", context, footnotes, tasks)
    return tuple(tasks)


def _blocks(nodes: list[Node]) -> Iterator[Node]:
    """The nodes whose text the walk will read as it stands, for one batch: not a part's
    (its title is never read, its items are batched when the walk enters it, and most
    parts of a plan it skips), nor an item's with dash bullets (read with or without
    them, once the walk knows which)."""
    for node in nodes:
        if node.kind == "section":
            continue
        if not any(child.kind == "bullet" for child in node.children):
            yield node
        yield from _blocks(node.children)
