"""Apology slips (Phiếu xin lỗi và hẹn lại ngày trả kết quả) in a batch: one
.docx per late dossier, named after its code, and one combined .docx with a page
break between slips for printing.

Nothing is written before the batch is known to work: :func:`prepare_batch`
renders the first slip as a trial (a custom template with a placeholder the data
cannot fill fails here, naming every such field) and refuses to overwrite any
existing file unless ``force``. :func:`write_batch` then writes each slip
atomically as it is rendered and yields one outcome per dossier, so a caller
can show progress.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from ..errors import OutputExistsError, TemplateError
from ..files import write_bytes_atomic
from ..vietnamese import date_in_words, date_short, strip_accents
from .context import header_context
from .dossiers import Dossier, DossierProblem, DossierSheet, ProblemKind, RowError
from .combine import Combined
from .engine import CompiledTemplate
from .formatting import number_line
from .meta import Meta

COMBINED_NAME = "phieu-xin-loi-tat-ca.docx"
SEQUENCE_FIELD = "{seq}"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\.|$)", re.IGNORECASE)
_MAX_NAME = 100


@dataclass(frozen=True)
class Slip:
    dossier: Dossier
    sequence: int
    path: Path


@dataclass(frozen=True)
class Batch:
    """The slips to write, where, and the combined document's path."""

    slips: tuple[Slip, ...]
    combined: Path


@dataclass(frozen=True)
class SlipOutcome:
    """One dossier done: written to ``slip.path``, or ``error`` says why not."""

    slip: Slip
    error: RowError | None = None


def safe_file_name(code: str, fallback: str) -> str:
    """A file name from a dossier code: ASCII letters, digits, ``.``, ``_``,
    ``-`` (accents dropped, anything else becomes ``_``)."""
    text = strip_accents(unicodedata.normalize("NFKC", code))
    name = _UNSAFE.sub("_", text).strip("._-")[:_MAX_NAME]
    if not name:
        name = fallback
    return f"_{name}" if _RESERVED.match(name) else name


def slip_number(meta: Meta, dossier: Dossier, sequence: int) -> str:
    """The slip's own number from the sheet, else the metadata number with
    ``{seq}`` replaced by the slip's place in the batch (01, 02 …)."""
    if dossier.slip_number:
        return dossier.slip_number
    return meta.number.replace(SEQUENCE_FIELD, f"{sequence:02d}")


def slip_context(dossier: Dossier, meta: Meta, sequence: int) -> dict[str, Any]:
    context = header_context(meta)
    number = slip_number(meta, dossier, sequence)
    context.update(
        number=number,
        number_line=number_line(number),
        addressee=dossier.applicant,
        address=dossier.address or "",
        phone=dossier.phone or "",
        code=dossier.code,
        procedure=dossier.procedure,
        handling_body=dossier.handling_unit or context["issuer_name"],
        received_on_words=date_in_words(dossier.received_on),
        received_on=date_short(dossier.received_on),
        due_on_words=date_in_words(dossier.due_on),
        due_on=date_short(dossier.due_on),
        new_due_on_words=date_in_words(dossier.new_due_on),
        new_due_on=date_short(dossier.new_due_on),
        reason=dossier.reason.rstrip(" .;"),
    )
    return context


def prepare_batch(sheet: DossierSheet, meta: Meta, template: CompiledTemplate, out_dir: str | Path,
                  *, force: bool) -> Batch:
    """Where each slip goes; fails before anything is written if the template
    does not fit the data or an output exists and ``force`` is off."""
    out_dir = Path(out_dir)
    slips: list[Slip] = []
    # The combined document's name is taken first: a dossier coded like it gets another.
    used = {Path(COMBINED_NAME).stem.lower()}
    for sequence, dossier in enumerate(sheet.dossiers, 1):
        stem = safe_file_name(dossier.code, f"dong-{dossier.row}")
        name, n = stem, 1
        # Two codes can be made the same by the cleaning ("A/1" and "A_1"); names
        # are compared without case, as the file systems of Windows and macOS do.
        while name.lower() in used:
            n += 1
            name = f"{stem}-{n}"
        used.add(name.lower())
        slips.append(Slip(dossier, sequence, out_dir / f"{name}.docx"))
    combined = out_dir / COMBINED_NAME
    if slips:
        first = slips[0]
        try:
            template.render_parts(slip_context(first.dossier, meta, first.sequence))
        except TemplateError as exc:
            raise TemplateError(f"{exc} (checked on row {first.dossier.row} before writing any slip)") from exc
    if not force:
        existing = [str(p) for p in [s.path for s in slips] + [combined] if p.exists()]
        if existing:
            shown = ", ".join(existing[:5]) + (f" and {len(existing) - 5} more" if len(existing) > 5 else "")
            raise OutputExistsError(f"{shown}: already exist(s); pass --force to overwrite")
    return Batch(slips=tuple(slips), combined=combined)


def write_batch(batch: Batch, meta: Meta, template: CompiledTemplate, *, force: bool) -> Iterator[SlipOutcome]:
    """Render and write every slip, then the combined document (when at least one
    slip was made). A slip whose row does not fit the template is an outcome with
    an error; the others are still written."""
    with Combined(template) as combined:
        for slip in batch.slips:
            try:
                rendered = template.render_parts(slip_context(slip.dossier, meta, slip.sequence))
            except TemplateError as exc:
                problem = DossierProblem(ProblemKind.TEMPLATE_MISFIT, reason=str(exc))
                yield SlipOutcome(slip, RowError(slip.dossier.row, (problem,), slip.dossier.code))
                continue
            write_bytes_atomic(slip.path, template.package(rendered), force=force)
            combined.add(rendered)
            yield SlipOutcome(slip)
        if combined.count:
            write_bytes_atomic(batch.combined, combined.finish(), force=force)
