"""The ``tthc`` command.

Each subcommand lives in its own module of this package and is loaded only when
it runs, so ``tthc --help`` imports no NLP model or document library. Command
modules import heavy libraries inside their functions for the same reason.

This is the one place where the toolkit's own errors become click errors:
a :class:`~tthc_docs.errors.TthcError` escaping a command is printed as
``Error: <message>`` with exit code 1; click's usage errors exit with 2.
"""

from __future__ import annotations

import importlib

import click

from ..errors import TthcError

# name -> (module, attribute, one-line help shown by ``tthc --help``)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "extract": ("tthc_docs.cli.extract", "extract", "Extract task tables from documents."),
    "refs": ("tthc_docs.cli.nlp", "refs", "List a document's legal references, most cited first."),
    "migrate": ("tthc_docs.cli.nlp", "migrate", "Rewrite a task table's agencies to their 2025 successors."),
    "render": ("tthc_docs.cli.render", "render", "Render a plan, decision, report or apology slips (.docx)."),
    "check": ("tthc_docs.cli.render", "check", "Check a .docx against the Decree 30/2020 format."),
    "diff": ("tthc_docs.cli.diff", "diff", "Compare two versions of a plan task by task."),
    "registry": ("tthc_docs.cli.registry", "registry",
                 "Keep plans, versions and task statuses in a database; calendars and reminders."),
    "serve": ("tthc_docs.cli.serve", "serve", "Serve the web workspace (upload, correct, track) in a browser."),
}


class TthcGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module_name, attribute, _ = COMMANDS[name]
        return getattr(importlib.import_module(module_name), attribute)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except TthcError as exc:
            raise click.ClickException(str(exc)) from exc


@click.group(cls=TthcGroup)
@click.version_option(package_name="tthc-docs")
def main() -> None:
    """tthc: Vietnamese administrative-reform paperwork, from documents to task tables and back."""
