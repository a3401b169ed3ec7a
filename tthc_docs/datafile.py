"""Reading one of the toolkit's data files: one YAML mapping under ``tthc_docs/data/``.

Every module that needs a data file reads it here (and keeps what it builds from it
in a cache, so each file is read once per process). Every error is a DataError that
names the file and the offending value. ``parse_yaml`` is also the parser of the
YAML files users give (render metadata).
"""

from __future__ import annotations

import unicodedata
from importlib import resources
from typing import Any

import yaml

from .errors import DataError

# The C loader (libyaml) parses the gazetteer ten times faster than the pure-Python one.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> Any:
    """YAML text as Python data (safe tags only); raises ``yaml.YAMLError``."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader


def yaml_problem(exc: yaml.YAMLError) -> str:
    """What is wrong with a YAML text, on one line with its place: "could not
    determine a constructor for the tag '…' (line 2, column 4)"."""
    if isinstance(exc, yaml.MarkedYAMLError):
        problem = " ".join(filter(None, (exc.context, exc.problem))) or type(exc).__name__
        mark = exc.problem_mark or exc.context_mark
        place = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
        return f"{' '.join(problem.split())}{place}"
    return " ".join(str(exc).split())


def load_mapping(file_name: str) -> dict[str, Any]:
    """The contents of ``data/<file_name>``, read as NFC text; it must be a YAML mapping."""
    text = resources.files("tthc_docs").joinpath("data", file_name).read_text(encoding="utf-8")
    try:
        data = parse_yaml(unicodedata.normalize("NFC", text))
    except yaml.YAMLError as exc:
        raise DataError(f"{file_name}: not valid YAML: {yaml_problem(exc)}") from exc
    if not isinstance(data, dict):
        raise DataError(f"{file_name}: expected a mapping at the top, found {type(data).__name__}")
    return data


def require(file_name: str, data: Any, key: str, kind: type) -> Any:
    """``data[key]``, which must be a non-empty ``kind`` (``data`` a mapping read from ``file_name``)."""
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, kind) or not value:
        raise DataError(f"{file_name}: {key!r} must be a non-empty {kind.__name__}, found {value!r}")
    return value
