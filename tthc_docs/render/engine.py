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
from typing import Any, Iterable, Mapping

import jinja2
from docxtpl import DocxTemplate
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree
from markupsafe import Markup

from ..errors import TemplateError
from ..readers.safety import check_size, check_zip
from . import formatting

_RENDERED_PART = re.compile(r"^(word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml|docProps/core\.xml)$")
_JINJA = re.compile(r"{[{%#]")
# docxtpl rewrites tables only for these tags; other templates skip the lxml pass.
_TABLE_TAGS = re.compile(r"{%-?\s*(tc|hm|vm|colspan|cellbg)\b")
_DOCPR_ID = re.compile(r'(<wp:docPr\b[^>]*?\bid=")\d+(")')
_INVALID_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BODY_OPEN = "<w:body>"
_NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
       "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
       "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
       "rel": "http://schemas.openxmlformats.org/package/2006/relationships"}
# Fixed member timestamps make the output depend only on template and data.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
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
        date_in_words=formatting.date_in_words,
        date_short=formatting.date_short,
        upper_vi=formatting.upper_vi,
        roman=formatting.roman,
        point_letter=formatting.point_letter,
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
        check_zip(data, name)
        self.name = name
        self._env = sandboxed_environment()
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = {info.filename: archive.read(info) for info in archive.infolist()}
        if "word/document.xml" not in members:
            raise TemplateError(f"{name}: not a Word template (no word/document.xml)")
        self._compiled: dict[str, jinja2.Template] = {}
        self._fix_tables: set[str] = set()
        for member, blob in members.items():
            if not _RENDERED_PART.match(member):
                continue
            try:
                source = blob.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise TemplateError(f"{name}: {member} is not UTF-8 XML ({exc})") from exc
            if not _JINJA.search(source):
                continue
            if _TABLE_TAGS.search(source):
                self._fix_tables.add(member)
            patched = re.sub(r"<w:p([ >])", r"\n<w:p\1", _DOCXTPL.patch_xml(source))
            try:
                self._compiled[member] = self._env.from_string(patched)
            except jinja2.TemplateSyntaxError as exc:
                raise TemplateError(f"{name}: {member} line {exc.lineno}: {exc.message}") from exc
        self.pictures = MappingProxyType(_picture_slots(members))
        slot_members = {slot.member for slot in self.pictures.values()}
        self._originals = {m: members[m] for m in slot_members}
        self._static_document = members["word/document.xml"].decode("utf-8")
        self._base = _zip_members((m, b) for m, b in members.items()
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
                archive.writestr(_info(member), text.encode("utf-8"))
            replaced = {self.pictures[name].member: blob for name, blob in rendered.pictures.items()}
            for member, original in self._originals.items():
                archive.writestr(_info(member), replaced.get(member, original))
        return buffer.getvalue()

    def render(self, context: Mapping[str, Any], pictures: Mapping[str, bytes] | None = None) -> bytes:
        return self.package(self.render_parts(context, pictures))

    def document_xml(self, rendered: RenderedDocument) -> str:
        return rendered.parts.get("word/document.xml", self._static_document)

    def _post(self, member: str, xml: str) -> str:
        # docxtpl's render_xml_part after the Jinja step, then its table fix and
        # drawing id renumbering for the body.
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        xml = _DOCXTPL.resolve_listing(xml)
        if member in self._fix_tables:
            xml = _fix_tables(xml)
        if member == "word/document.xml":
            xml = renumber_drawings(xml, 1000)[0]
        return xml


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


def _info(member: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(member, date_time=_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _zip_members(members: Iterable[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for member, blob in members:
            archive.writestr(_info(member), blob)
    return buffer.getvalue()


def _picture_slots(members: Mapping[str, bytes]) -> dict[str, PictureSlot]:
    rels_blob = members.get("word/_rels/document.xml.rels")
    if rels_blob is None:
        return {}
    targets = {rel.get("Id"): rel.get("Target") for rel in etree.fromstring(rels_blob).iter(f"{{{_NS['rel']}}}Relationship")}
    slots: dict[str, PictureSlot] = {}
    document = etree.fromstring(members["word/document.xml"])
    for frame in document.iter(f"{{{_NS['wp']}}}inline", f"{{{_NS['wp']}}}anchor"):
        doc_pr = frame.find("wp:docPr", _NS)
        extent = frame.find("wp:extent", _NS)
        blip = frame.find(".//a:blip", _NS)
        if doc_pr is None or extent is None or blip is None:
            continue
        target = targets.get(blip.get(f"{{{_NS['r']}}}embed"))
        if not target or target.startswith(("http:", "https:")):
            continue
        member = target.lstrip("/") if target.startswith("/") else f"word/{target}"
        for name in {doc_pr.get("name"), doc_pr.get("descr"), doc_pr.get("title")} - {None, ""}:
            slots[name] = PictureSlot(name=name, member=member, width_emu=int(extent.get("cx")),
                                      height_emu=int(extent.get("cy")))
    return slots


class Combined:
    """Several documents rendered from one template, as one .docx with a page
    (section) break between them, for printing a batch.

    Bodies are streamed into the archive as they come, so a long batch holds the
    compressed result, not every document's XML."""

    def __init__(self, template: CompiledTemplate) -> None:
        self._template = template
        self._buffer = io.BytesIO()
        self._archive: zipfile.ZipFile | None = None
        self._stream: Any = None
        self._suffix = ""
        self._break = ""
        self._next_id = 1000
        self.count = 0

    def add(self, rendered: RenderedDocument) -> None:
        xml = self._template.document_xml(rendered)
        start = xml.index(_BODY_OPEN) + len(_BODY_OPEN)
        end = xml.rindex("<w:sectPr")
        if self._stream is None:
            self._open(rendered, xml[:start])
            self._suffix = xml[end:]
            self._break = "<w:p><w:pPr>" + xml[end:xml.rindex("</w:body>")] + "</w:pPr></w:p>"
        else:
            self._stream.write(self._break.encode("utf-8"))
        body, self._next_id = renumber_drawings(xml[start:end], self._next_id)
        self._stream.write(body.encode("utf-8"))
        self.count += 1

    def finish(self) -> bytes:
        if self._stream is None or self._archive is None:
            raise TemplateError(f"{self._template.name}: no document to combine")
        self._stream.write(self._suffix.encode("utf-8"))
        self._stream.close()
        self._archive.close()
        return self._buffer.getvalue()

    def _open(self, first: RenderedDocument, prefix: str) -> None:
        # Every member but the body comes from the first document (the header and
        # footer of a batch do not vary by row).
        packaged = self._template.package(first)
        self._archive = zipfile.ZipFile(self._buffer, "w", compression=zipfile.ZIP_DEFLATED)
        with zipfile.ZipFile(io.BytesIO(packaged)) as source:
            for info in source.infolist():
                if info.filename != "word/document.xml":
                    self._archive.writestr(_info(info.filename), source.read(info))
        self._stream = self._archive.open(_info("word/document.xml"), "w")
        self._stream.write(prefix.encode("utf-8"))
