"""The toolkit's exception tree.

Every error the toolkit raises on purpose derives from :class:`TthcError`, so a
caller can catch one type. Each message names the offending value (file, line,
cell, text) and, where there is one, what to do about it. The command line turns
these into click exceptions in ``cli/`` and nowhere else.

    TthcError
    ├── InputError                 the input itself is unusable
    │   ├── EmptyInputError        zero bytes / no text
    │   ├── UnsupportedFormatError unknown extension or content
    │   ├── CorruptFileError       a .docx/.pdf/.xlsx that cannot be opened
    │   ├── EncryptedFileError     password protected
    │   ├── ScannedPdfError        a scanned PDF on which OCR found no text
    │   ├── UnsafeFileError        zip bomb, oversized member
    │   └── InputTooLargeError     over the size limit
    ├── ParseError                 text that does not follow the expected form
    ├── DataError                  a task table / metadata / spreadsheet with bad values
    ├── MissingDependencyError     an optional tool or package is not installed
    ├── TemplateError              a template that does not fit its data
    ├── OutputExistsError          refusing to overwrite a file the user has
    └── RegistryError              the task registry (database) refused or failed
        ├── UnknownKeyError        no task, plan or field of that name
        ├── StaleEditError         an edit based on an outdated version of a task
        └── DatabaseBusyError      another writer holds the database; try again

An error may also carry a ``detail``: its kind and offending values as a frozen
dataclass, which :func:`tthc_docs.wording.say` words in English or Vietnamese
(``data/messages.yaml``), so the web can say what went wrong in the clerk's
language. An input error names its file in a detail of its class's kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, StrEnum
from pathlib import Path
from typing import ClassVar


class ErrorKind(StrEnum):
    """What an input error is about, for its worded detail."""

    UNREADABLE = "unreadable"
    EMPTY = "empty"
    UNSUPPORTED_FORMAT = "unsupported_format"
    CORRUPT_FILE = "corrupt_file"
    ENCRYPTED_FILE = "encrypted_file"
    SCANNED_PDF = "scanned_pdf"
    UNSAFE_FILE = "unsafe_file"
    OVER_LIMIT = "over_limit"
    TOO_LARGE = "too_large"
    MISSING_COLUMNS = "missing_columns"
    NO_HEADER_ROW = "no_header_row"
    NO_TASKS = "no_tasks"
    NO_SLIP = "no_slip"


class DateProblem(StrEnum):
    """Why a cell or a field is not a date."""

    NOT_REAL = "not_real"
    NOT_DAY_MONTH_YEAR = "not_day_month_year"
    NOT_EXCEL_DATE = "not_excel_date"


@dataclass(frozen=True)
class ErrorDetail:
    """The offending values of an error: the file, and where a limit was passed,
    the limit (an Enum worded in data), its value and the value met; where
    columns are missing, their names and the sheet."""

    kind: ErrorKind
    file: str
    limit: Enum | str = ""
    limit_value: str = ""
    found: str = ""
    names: str = ""
    sheet: str = ""


@dataclass(frozen=True)
class DateDetail:
    """A value that is not a date: the field it was given for (``what``), the
    value as found (text or number) and, for an impossible date, the reason."""

    kind: DateProblem
    field: str
    value: object
    reason: str = ""


class TthcError(Exception):
    """Base class of every error the toolkit raises on purpose."""

    def __init__(self, *args: object, detail: ErrorDetail | DateDetail | None = None) -> None:
        super().__init__(*args)
        self.detail = detail


class InputError(TthcError):
    """The input file or text cannot be used.

    ``source`` is the file (or ``"<stdin>"``) the problem was found in; a class
    with a ``kind`` gets a detail naming it, unless one is given.
    """

    kind: ClassVar[ErrorKind] = ErrorKind.UNREADABLE

    def __init__(self, message: str, source: str | Path | None = None, *,
                 detail: ErrorDetail | None = None) -> None:
        self.source = str(source) if source is not None else None
        if detail is None and self.source is not None:
            detail = ErrorDetail(self.kind, self.source)
        super().__init__(f"{self.source}: {message}" if self.source else message, detail=detail)


class EmptyInputError(InputError):
    """The input holds no bytes or no text."""

    kind = ErrorKind.EMPTY


class UnsupportedFormatError(InputError):
    """Neither the extension nor the content names a format the toolkit reads."""

    kind = ErrorKind.UNSUPPORTED_FORMAT


class CorruptFileError(InputError):
    """A container format (.docx, .pdf, .xlsx, .doc) that cannot be opened."""

    kind = ErrorKind.CORRUPT_FILE


class EncryptedFileError(InputError):
    """The file is password protected."""

    kind = ErrorKind.ENCRYPTED_FILE


class ScannedPdfError(InputError):
    """The PDF has no text layer (a scan) and OCR found no text on its pages."""

    kind = ErrorKind.SCANNED_PDF


class UnsafeFileError(InputError):
    """The file would take unbounded resources to open (e.g. a zip bomb)."""

    kind = ErrorKind.UNSAFE_FILE


class InputTooLargeError(InputError):
    """The file is over the size limit the reader accepts."""

    kind = ErrorKind.TOO_LARGE


class ParseError(TthcError):
    """Text that does not follow the form it should (a date, a table, a header)."""


class DataError(TthcError):
    """A task table, metadata file or spreadsheet holds values that cannot be used."""


class MissingDependencyError(TthcError):
    """An optional package or external program is needed but not installed.

    The message says how to install it.
    """


class TemplateError(TthcError):
    """A document template does not fit the data it is rendered with."""


class OutputExistsError(TthcError):
    """Writing would overwrite a file that already exists (use --force)."""


class RegistryError(TthcError):
    """The task registry cannot do what was asked (bad database URL, newer schema …)."""


class UnknownKeyError(RegistryError):
    """A task key, plan id or task field that the registry does not have."""


class StaleEditError(RegistryError):
    """An edit names a version of a task that someone else has changed since.

    ``key`` is the task, ``expected`` the version the edit was based on and
    ``current`` the version stored now."""

    def __init__(self, key: str, expected: int, current: int) -> None:
        self.key, self.expected, self.current = key, expected, current
        super().__init__(f"task {key} was changed by someone else (you edited version {expected}, "
                         f"it is now version {current}); reload it and edit again")


class DatabaseBusyError(RegistryError):
    """Another process holds the write lock longer than the busy timeout."""
