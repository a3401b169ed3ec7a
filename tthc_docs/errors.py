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
"""

from __future__ import annotations

from pathlib import Path


class TthcError(Exception):
    """Base class of every error the toolkit raises on purpose."""


class InputError(TthcError):
    """The input file or text cannot be used.

    ``source`` is the file (or ``"<stdin>"``) the problem was found in.
    """

    def __init__(self, message: str, source: str | Path | None = None) -> None:
        self.source = str(source) if source is not None else None
        super().__init__(f"{self.source}: {message}" if self.source else message)


class EmptyInputError(InputError):
    """The input holds no bytes or no text."""


class UnsupportedFormatError(InputError):
    """Neither the extension nor the content names a format the toolkit reads."""


class CorruptFileError(InputError):
    """A container format (.docx, .pdf, .xlsx, .doc) that cannot be opened."""


class EncryptedFileError(InputError):
    """The file is password protected."""


class ScannedPdfError(InputError):
    """The PDF has no text layer (a scan) and OCR found no text on its pages."""


class UnsafeFileError(InputError):
    """The file would take unbounded resources to open (e.g. a zip bomb)."""


class InputTooLargeError(InputError):
    """The file is over the size limit the reader accepts."""


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
