"""Comparing two versions of a plan: task by task and KPI row by KPI row
(:func:`diff_tables`) or, for any document, paragraph by paragraph (:func:`diff_paragraphs`).

Data flows one way: match (``match``) → field-level changes (``compare``) or
paragraph alignment (``prose``) → rows for people (``report``) → the writers
(``text``, ``json_out``, ``html_out``, ``docx_out``).
"""

from __future__ import annotations

from .compare import FieldChange, IndicatorChange, TableDiff, TaskChange, diff_indicators, diff_tables, diff_tasks
from .match import Matching, match_tasks, pair_rows
from .prose import ParagraphChange, ProseDiff, diff_paragraphs
from .words import WordOp, word_diff

__all__ = ["FieldChange", "IndicatorChange", "TableDiff", "TaskChange", "diff_indicators", "diff_tables",
           "diff_tasks", "Matching", "match_tasks", "pair_rows", "ParagraphChange", "ProseDiff", "diff_paragraphs",
           "WordOp", "word_diff"]
