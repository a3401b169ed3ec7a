"""Formal documents in the Decree 30/2020 format, and a checker for that format.

``documents`` renders the plan, the decision issuing it and the progress report
from a task table; ``apology`` renders apology slips in a batch from a
late-dossier sheet (``dossiers``); ``check`` reports how any .docx departs from
the format; ``pdf`` converts through LibreOffice. Underneath: ``meta`` (the
metadata file), ``context`` and ``report`` (data → template values),
``formatting`` (the wording only formal documents use; dates, upper case and
Roman numerals are in :mod:`tthc_docs.vietnamese`), ``engine`` (sandboxed, compiled docxtpl
rendering), ``settings`` (the data files).
"""
