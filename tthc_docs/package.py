"""Office Open XML packages (.docx, .xlsx: zip archives) written the same way every
time: fixed member timestamps and no save time in the properties, so the same input
gives the same bytes (outputs can be compared, cached and checked into a repository).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_CORE = "docProps/core.xml"
# The times a library stamps on save; a task table's own dates are in its sheets.
_SAVE_TIMES = re.compile(rb"<dcterms:(created|modified)\b[^>]*>[^<]*</dcterms:\1>")


def zip_info(member: str) -> zipfile.ZipInfo:
    """The header of a compressed member with the fixed timestamp."""
    info = zipfile.ZipInfo(member, date_time=_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def zip_members(members: Iterable[tuple[str, bytes]]) -> bytes:
    """A package of ``members`` (name, bytes), in that order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for member, blob in members:
            archive.writestr(zip_info(member), blob)
    return buffer.getvalue()


def reproducible(data: bytes) -> bytes:
    """A package a library saved, again with fixed timestamps and without the save
    times of ``docProps/core.xml``."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = [(info.filename, archive.read(info)) for info in archive.infolist()]
    return zip_members((name, _SAVE_TIMES.sub(b"", blob) if name == _CORE else blob) for name, blob in members)
