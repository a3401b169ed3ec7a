"""tthc_docs: extract, generate and compare Vietnamese administrative-reform task tables."""

from .errors import TthcError
from .models import DocumentInfo, Indicator, Task, TaskTable

__all__ = ["TthcError", "DocumentInfo", "Indicator", "Task", "TaskTable"]
__version__ = "0.1.0"
