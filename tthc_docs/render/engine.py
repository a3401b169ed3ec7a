"""Rendering a docxtpl template fast and safely.

A template is read once: each XML part holding Jinja tags (body, headers,
footers, notes, core properties) goes through docxtpl's own ``patch_xml`` (so
``{%tr %}``, ``{%p %}`` and tags split across Word runs behave exactly as in
docxtpl) and is compiled once by a :class:`~jinja2.sandbox.SandboxedEnvironment`
with autoescaping. Every other member of the package is zipped once into a base
archive. Rendering a document then costs one Jinja render per part and one copy
of the base archive with the rendered parts appended, instead of docxtpl's
load-parse-compile-save per document (see ``benchmarks/render_bench.py``).

Safety: values are escaped (``&``, ``<``, ``>``, quotes stay text and the XML
stays valid), values are never evaluated as templates (``{{ 7*7 }}`` in the data
stays literal), and a placeholder the data does not fill is an error naming every
such field, never a blank.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from contextvars import ContextVar
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

import jinja2
from docxtpl import DocxTemplate
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree
from markupsafe import Markup

from ..errors import TemplateError
from ..package import zip_info, zip_members
from ..readers.boundary import open_zip, read_member
from ..readers.safety import check_size
from ..vietnamese import date_in_words, date_short, roman, upper_vi
from ..wordxml import NS, qualified
from .formatting import point_letter

_RENDERED_PART = re.compile(r"^(word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml|docProps/core\.xml)$")
# A template writes "{_{", "}_}", "{_%", "%_}" for literal "{{", "}}", "{%", "%}" (docxtpl's escapes).
_ESCAPES = {"{_{": "{{", "}_}": "}}", "{_%": "{%", "%_}": "%}"}
_ESCAPE = re.compile("|".join(map(re.escape, _ESCAPES)))
_JINJA = re.compile(r"{[{%#]|" + _ESCAPE.pattern)
# docxtpl rewrites tables only for these tags; other templates skip the lxml pass.
_TABLE_TAGS = re.compile(r"{%-?\s*(tc|hm|vm|colspan|cellbg)\b")
_DOCPR_ID = re.compile(r'(<wp:docPr\b[^>]*?\bid=")\d+(")')
_INVALID_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BODY_OPEN = re.compile(r"<w:body\b[^>]*>")
_SECTION_TAG = re.compile(r"<(/?)w:sectPr(?=[\s/>])[^>]*?(/?)>")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
_DOCXTPL = DocxTemplate(None)
_missing: ContextVar[list[str] | None] = ContextVar("tthc_missing_fields", default=None)


class _CollectingUndefined(jinja2.Undefined):
    """Records every use of a missing value during a render, so one error can
    name them all (``StrictUndefined`` stops at the first)."""

    __slots__ = ()

    def _record(self) -> None:
        # The sandbox reports a forbidden attribute as an undefined value; that
        # is an attack or a template bug, never missing data.
        if issubclass(self._undefined_exception, SecurityError):
            raise self._undefined_exception(self._undefined_message)
        found = _missing.get()
        if found is not None:
            found.append(self._undefined_name if self._undefined_name is not None else self._undefined_message)

    def _fail_with_undefined_error(self, *args: Any, **kwargs: Any) -> _CollectingUndefined:
        self._record()
        return self

    def __str__(self) -> str:
        self._record()
        return ""

    def __iter__(self):  # type: ignore[override]
        self._record()
        return iter(())

    def __bool__(self) -> bool:
        self._record()
        return False

    def __len__(self) -> int:
        self._record()
        return 0


def _finalize(value: Any) -> Any:
    """None prints as nothing; text is NFC with line ends unified and the
    characters XML forbids removed, so no data value can break the package."""
    if value is None:
        return ""
    if isinstance(value, str) and not isinstance(value, Markup):
        text = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
        return _INVALID_XML.sub("", text)
    return value


def sandboxed_environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(autoescape=True, undefined=_CollectingUndefined, finalize=_finalize)
    env.filters.update(
        date_in_words=date_in_words,
        date_short=date_short,
        upper_vi=upper_vi,
        roman=roman,
        point_letter=point_letter,
    )
    return env


@dataclass(frozen=True)
class PictureSlot:
    """A picture of the template that data can replace, found by its name or alt
    text (e.g. ``chart``); the size is the frame's, in EMU."""

    name: str
    member: str
    width_emu: int
    height_emu: int


@dataclass(frozen=True)
class RenderedDocument:
    """The rendered XML parts of one document and its replacement pictures."""

    parts: Mapping[str, str]
    pictures: Mapping[str, bytes]


def shipped_template(file_name: str) -> Path:
    """A template shipped with the toolkit: in the wheel (``tthc_docs/templates``)
    or, in a source checkout, the repository's ``templates/``."""
    packaged = resources.files("tthc_docs").joinpath("templates", file_name)
    if packaged.is_file():
        return Path(str(packaged))
    source = Path(__file__).resolve().parents[2] / "templates" / file_name
    if source.is_file():
        return source
    raise TemplateError(f"template {file_name!r} is not installed (looked in tthc_docs/templates and {source.parent})")


class CompiledTemplate:
    """A .docx template, patched and compiled once, rendered many times."""

    def __init__(self, data: bytes, name: str) -> None:
        check_size(data, name, "docx")
        self.name = name
        self._env = sandboxed_environment()
        with open_zip(data, name) as archive:
            members = {info.filename: read_member(archive, info.filename, name) for info in archive.infolist()}
        if "word/document.xml" not in members:
            raise TemplateError(f"{name}: not a Word template (no word/document.xml)")
        self._compiled: dict[str, jinja2.Template] = {}
        self._fix_tables: set[str] = set()
        parsed: dict[str, Any] = {}
        for member, blob in members.items():
            if not _RENDERED_PART.match(member):
                continue
            try:
                source = blob.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise TemplateError(f"{name}: {member} is not UTF-8 XML ({exc})") from exc
            parsed[member] = _xml(members, member, name)
            if not _JINJA.search(source):
                continue
            if _TABLE_TAGS.search(source):
                self._fix_tables.add(member)
            patched = re.sub(r"<w:p([ >])", r"\n<w:p\1", _DOCXTPL.patch_xml(source))
            # docxtpl turns the escapes into text after rendering, where they also
            # rewrite any data holding them; as raw blocks they touch the template only.
            patched = _ESCAPE.sub(lambda m: f"{{% raw %}}{_ESCAPES[m.group(0)]}{{% endraw %}}", patched)
            try:
                self._compiled[member] = self._env.from_string(patched)
            except jinja2.TemplateSyntaxError as exc:
                raise TemplateError(f"{name}: {member} line {exc.lineno}: {exc.message}") from exc
        self._static_document = members["word/document.xml"].decode("utf-8")
        # A batch is joined at the body and its final section: check both now,
        # before any document of a batch is written.
        if body_bounds(self._static_document) is None:
            raise TemplateError(f"{name}: word/document.xml has no <w:body> ending in its section properties "
                                "(<w:sectPr>); save the template again in Word or LibreOffice")
        self.pictures = MappingProxyType(_picture_slots(members, parsed["word/document.xml"], name))
        slot_members = {slot.member for slot in self.pictures.values()}
        self._originals = {m: members[m] for m in slot_members}
        self._base = zip_members((m, b) for m, b in members.items()
                                  if m not in self._compiled and m not in slot_members)

    @classmethod
    def load(cls, path: str | Path) -> CompiledTemplate:
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise TemplateError(f"{path}: cannot read the template: {exc.strerror or exc}") from exc
        return cls(data, str(path))

    def render_parts(self, context: Mapping[str, Any], pictures: Mapping[str, bytes] | None = None) -> RenderedDocument:
        """Render every templated part with ``context``; raise :class:`TemplateError`
        naming every placeholder the context does not fill."""
        missing: list[str] = []
        token = _missing.set(missing)
        parts: dict[str, str] = {}
        try:
            for member, template in self._compiled.items():
                parts[member] = self._post(member, template.render(context))
        except jinja2.TemplateError as exc:
            raise TemplateError(f"{self.name}: {exc}") from exc
        finally:
            _missing.reset(token)
        if missing:
            names = ", ".join(dict.fromkeys(missing))
            raise TemplateError(f"{self.name}: no data for the placeholder(s) {names}")
        # A custom template may leave out a picture (e.g. the chart): it is not needed then.
        return RenderedDocument(
            parts=MappingProxyType(parts),
            pictures=MappingProxyType({k: v for k, v in (pictures or {}).items() if k in self.pictures}),
        )

    def package(self, rendered: RenderedDocument) -> bytes:
        """The .docx bytes: the cached members plus the rendered parts."""
        buffer = io.BytesIO(self._base)
        with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
            for member, text in rendered.parts.items():
                archive.writestr(zip_info(member), text.encode("utf-8"))
            replaced = {self.pictures[name].member: blob for name, blob in rendered.pictures.items()}
            for member, original in self._originals.items():
                archive.writestr(zip_info(member), replaced.get(member, original))
        return buffer.getvalue()

    def render(self, context: Mapping[str, Any], pictures: Mapping[str, bytes] | None = None) -> bytes:
        return self.package(self.render_parts(context, pictures))

    def document_xml(self, rendered: RenderedDocument) -> str:
        return rendered.parts.get("word/document.xml", self._static_document)

    def _post(self, member: str, xml: str) -> str:
        # docxtpl's render_xml_part after the Jinja step (its escapes were made raw
        # blocks at compile time), then its table fix and drawing id renumbering for the body.
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
        xml = _DOCXTPL.resolve_listing(xml)
        if member in self._fix_tables:
            try:
                xml = _fix_tables(xml)
            except etree.XMLSyntaxError as exc:
                raise TemplateError(f"{self.name}: {member} is not well-formed XML once rendered ({exc})") from exc
        if member == "word/document.xml":
            xml = renumber_drawings(xml, 1000)[0]
        return xml


def body_bounds(xml: str) -> tuple[int, int, int] | None:
    """Where the body's content starts, where its final section properties (the
    ``w:sectPr`` that is the body's last child) start, and where ``</w:body>``
    is; None when the document has no such body. Section properties may nest one
    (``w:sectPrChange``), so the final one is found by depth, not by its name."""
    opening = _BODY_OPEN.search(xml)
    close = xml.rfind("</w:body>")
    if opening is None or close < opening.end():
        return None
    tags = list(_SECTION_TAG.finditer(xml, opening.end(), close))
    if not tags or tags[-1].end() != len(xml[:close].rstrip()):
        return None
    depth = 0
    for tag in reversed(tags):
        closing, empty = tag.group(1), tag.group(2)
        if closing:
            depth += 1
        elif not empty:
            depth -= 1
        if depth == 0:
            return opening.end(), tag.start(), close
    return None


def renumber_drawings(xml: str, start: int) -> tuple[str, int]:
    """Give every drawing (``wp:docPr``) a fresh id from ``start``: Word refuses a
    document whose pictures share an id. Returns the XML and the next free id."""
    counter = iter(range(start, start + 1_000_000))
    xml = _DOCPR_ID.sub(lambda m: f"{m.group(1)}{next(counter)}{m.group(2)}", xml)
    return xml, next(counter)


def _fix_tables(xml: str) -> str:
    declaration, _, body = xml.partition("?>") if xml.startswith("<?xml") else ("", "", xml)
    tree = _DOCXTPL.fix_tables(body)
    head = f"{declaration}?>" if declaration else ""
    return head + etree.tostring(tree, encoding="unicode")


def _xml(members: Mapping[str, bytes], member: str, name: str):
    try:
        return etree.fromstring(members[member], _PARSER)
    except etree.XMLSyntaxError as exc:
        raise TemplateError(f"{name}: {member} is not well-formed XML ({exc})") from exc


def _picture_slots(members: Mapping[str, bytes], document: Any, name: str) -> dict[str, PictureSlot]:
    if "word/_rels/document.xml.rels" not in members:
        return {}
    rels = _xml(members, "word/_rels/document.xml.rels", name)
    targets = {rel.get("Id"): rel.get("Target") for rel in rels.iter(qualified("rel", "Relationship"))}
    slots: dict[str, PictureSlot] = {}
    for frame in document.iter(qualified("wp", "inline"), qualified("wp", "anchor")):
        doc_pr = frame.find("wp:docPr", NS)
        extent = frame.find("wp:extent", NS)
        blip = frame.find(".//a:blip", NS)
        if doc_pr is None or extent is None or blip is None:
            continue
        target = targets.get(blip.get(qualified("r", "embed")))
        if not target or target.startswith(("http:", "https:")):
            continue
        member = target.lstrip("/") if target.startswith("/") else f"word/{target}"
        size = (extent.get("cx"), extent.get("cy"))
        if not all(value and value.isdigit() for value in size):
            raise TemplateError(f"{name}: the picture {doc_pr.get('name')!r} has an unreadable size "
                                f"(wp:extent cx={size[0]!r} cy={size[1]!r})")
        for label in {doc_pr.get("name"), doc_pr.get("descr"), doc_pr.get("title")} - {None, ""}:
            slots[label] = PictureSlot(name=label, member=member, width_emu=int(size[0]), height_emu=int(size[1]))
    return slots
