"""Word's XML (WordprocessingML), as the .docx reader, the format check and the
renderer read it: namespaces, qualified names, on/off properties and the chain of
styles a style is based on.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import MappingProxyType

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# The prefixes Word writes, for ElementPath searches ("wp:docPr").
NS = MappingProxyType({
    "w": W_NS,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
})
_OFF = frozenset({"0", "false", "off", "none"})


def w(tag: str) -> str:
    """The qualified name of a WordprocessingML tag or attribute: "val" → "{…/main}val"."""
    return f"{{{W_NS}}}{tag}"


def qualified(prefix: str, tag: str) -> str:
    """The qualified name of a tag in another namespace of ``NS``: ("mc", "Fallback")."""
    return f"{{{NS[prefix]}}}{tag}"


VAL = w("val")


def is_on(value: str | None) -> bool:
    """Whether an on/off attribute value is on ("1", "true", "on"; not "0", "false", "off", "none")."""
    return value is not None and value.lower() not in _OFF


def toggle(element) -> bool | None:
    """A toggle property (``<w:b/>``, ``<w:b w:val="0"/>``): None when absent, on when it has no value."""
    return None if element is None else is_on(element.get(VAL, "true"))


class StyleSheet:
    """The styles of ``word/styles.xml`` by id, and the default paragraph style."""

    def __init__(self, root) -> None:
        self.by_id = {} if root is None else {s.get(w("styleId")): s for s in root.iter(w("style"))}
        defaults = (sid for sid, s in self.by_id.items()
                    if s.get(w("type")) == "paragraph" and is_on(s.get(w("default"))))
        self.default_paragraph = next(defaults, None)

    def chain(self, style_id: str | None) -> Iterator:
        """The style and those it is based on (``w:basedOn``), nearest first, each once
        (a loop of styles based on each other ends where it closes)."""
        seen = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style
            based = style.find(w("basedOn"))
            style_id = based.get(VAL) if based is not None else None
