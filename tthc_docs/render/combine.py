"""Several documents rendered from one template as one .docx, for printing a
batch (the apology slips): each body in turn, with a section break between them
carrying the template's own page setup."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from ..errors import TemplateError
from ..package import zip_info
from .engine import CompiledTemplate, RenderedDocument, body_bounds, renumber_drawings


class Combined:
    """Several documents rendered from one template, as one .docx with a page
    (section) break between them, for printing a batch.

    Bodies are streamed into the archive as they come, so a long batch holds the
    compressed result, not every document's XML. Use it in a ``with`` block: the
    archive is closed however the batch ends."""

    def __init__(self, template: CompiledTemplate) -> None:
        self._template = template
        self._buffer = io.BytesIO()
        self._archive: zipfile.ZipFile | None = None
        self._stream: Any = None
        self._suffix = ""
        self._break = ""
        self._next_id = 1000
        self.count = 0

    def __enter__(self) -> Combined:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def add(self, rendered: RenderedDocument) -> None:
        xml = self._template.document_xml(rendered)
        bounds = body_bounds(xml)
        if bounds is None:
            raise TemplateError(f"{self._template.name}: the rendered document has no <w:body> ending in its "
                                "section properties (<w:sectPr>); does a template tag remove them?")
        start, end, close = bounds
        if self._stream is None:
            self._open(rendered, xml[:start])
            self._suffix = xml[end:]
            self._break = "<w:p><w:pPr>" + xml[end:close] + "</w:pPr></w:p>"
        else:
            self._stream.write(self._break.encode("utf-8"))
        body, self._next_id = renumber_drawings(xml[start:end], self._next_id)
        self._stream.write(body.encode("utf-8"))
        self.count += 1

    def finish(self) -> bytes:
        if self._stream is None or self._archive is None:
            raise TemplateError(f"{self._template.name}: no document to combine")
        try:
            self._stream.write(self._suffix.encode("utf-8"))
        finally:
            self.close()
        return self._buffer.getvalue()

    def close(self) -> None:
        """Close the archive (done by :meth:`finish`; needed only when a batch stops early)."""
        try:
            if self._stream is not None:
                self._stream.close()
        finally:
            if self._archive is not None:
                self._archive.close()

    def _open(self, first: RenderedDocument, prefix: str) -> None:
        # Every member but the body comes from the first document (the header and
        # footer of a batch do not vary by row).
        packaged = self._template.package(first)
        self._archive = zipfile.ZipFile(self._buffer, "w", compression=zipfile.ZIP_DEFLATED)
        with zipfile.ZipFile(io.BytesIO(packaged)) as source:
            for info in source.infolist():
                if info.filename != "word/document.xml":
                    self._archive.writestr(zip_info(info.filename), source.read(info))
        self._stream = self._archive.open(zip_info("word/document.xml"), "w")
        self._stream.write(prefix.encode("utf-8"))
