"""Formal documents in the Decree 30/2020 format, and a checker for that format.

``documents`` renders the plan, the decision issuing it and the progress report
from a task table; ``apology`` renders apology slips in a batch from a
late-dossier sheet (``dossiers``); ``check`` reports how any .docx departs from
the format; ``pdf`` converts through LibreOffice. Underneath: ``meta`` (the
metadata file), ``context`` and ``report`` (data → template values),
``formatting`` (Vietnamese wording), ``engine`` (sandboxed, compiled docxtpl
rendering), ``settings`` (the data files).
"""
