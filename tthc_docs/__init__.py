"""tthc_docs: extract, generate and compare Vietnamese administrative-reform task tables."""

from .errors import TthcError

__all__ = ["TthcError", "DocumentInfo", "Indicator", "Task", "TaskTable"]
__version__ = "0.1.0"

_MODELS = frozenset({"DocumentInfo", "Indicator", "Task", "TaskTable"})


def __getattr__(name: str):
    # The model is loaded on first use: `tthc --help` and the commands that never
    # build a task table do not pay for it.
    if name in _MODELS:
        from . import models

        return getattr(models, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
