"""Every `tthc …` command in the README's fenced blocks runs as written, in README
order, in a temporary copy of the repository (so commands may use what earlier
ones wrote, and nothing lands in the checkout).

Which lines are commands, by rule (a command added to the README later is picked
up without touching this file):

* in a fenced block that is not Python or JSON, a line starting with ``tthc `` is
  a command, and ``$ tthc `` a transcript (a command shown with its output); in a
  chain ``A && B`` only the ``tthc`` parts run (``pip install -e .`` is what the
  test environment has already done); a ``# comment`` ends the line;
* a synopsis is not run: a line with an optional part in brackets (``[-o OUT]``)
  or a placeholder in capitals (``PATH``, ``FILE.docx``, ``FIELD=HEADER``);
* a command that starts a server and runs until stopped (``tthc serve``) is not run.

A command must exit 0, or 1 for a batch where some items failed and the others
were written (the README's exit-code contract; no "Error:" line, which marks the
whole command failing). A transcript may show an error on purpose, so it may exit
1 either way, but never 2 (a usage error: the README would show a wrong command)
and never with a traceback. The main command of "Set-up" also runs a second time
into the same folder and must exit 0 again.
"""

from __future__ import annotations

import glob
import re
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from tthc_docs.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
NOT_SHELL = {"python", "py", "json", "yaml", "yml", "text", "html", "xml"}
SERVERS = {"serve"}
_FENCE = re.compile(r"^```\s*([\w+-]*)\s*$")
_PLACEHOLDER = re.compile(r"^[A-Z][A-Z_]{2,}$")
_IGNORED = shutil.ignore_patterns(".git", ".venv", "venv", "out", "__pycache__", ".pytest_cache", "*.egg-info")


@dataclass(frozen=True)
class Command:
    line: int
    args: tuple[str, ...]
    transcript: bool

    def __str__(self) -> str:
        return f"README.md:{self.line}: {'$ ' if self.transcript else ''}tthc {shlex.join(self.args)}"


def _is_synopsis(words: list[str]) -> bool:
    if any("[" in w for w in words):
        return True
    return any(_PLACEHOLDER.match(part) for w in words for part in re.split(r"[.|=…]+", w) if part)


def readme_commands(text: str) -> list[Command]:
    commands: list[Command] = []
    language: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        fence = _FENCE.match(line.strip())
        if fence:
            language = None if language is not None else fence.group(1).lower()
            continue
        if language is None or language in NOT_SHELL:
            continue
        stripped = line.strip()
        transcript = stripped.startswith("$ ")
        stripped = stripped.removeprefix("$ ")
        for part in stripped.split("&&"):
            if not part.strip().startswith("tthc "):
                continue
            words = shlex.split(part, comments=True)
            if len(words) < 2 or words[0] != "tthc" or words[1] in SERVERS or _is_synopsis(words[1:]):
                continue
            commands.append(Command(number, tuple(words[1:]), transcript))
    return commands


def _expand(args: tuple[str, ...]) -> list[str]:
    """Shell globs expanded as a shell would (a pattern matching nothing stays)."""
    out: list[str] = []
    for arg in args:
        matches = sorted(glob.glob(arg)) if any(c in arg for c in "*?") else []
        out.extend(matches or [arg])
    return out


def _run(command: Command):
    result = CliRunner().invoke(main, _expand(command.args), catch_exceptions=True)
    unexpected = result.exception if not isinstance(result.exception, SystemExit) else None
    assert unexpected is None, f"{command} raised {unexpected!r}\n{result.output}"
    return result


def test_the_readme_has_commands_of_every_kind():
    commands = readme_commands(README.read_text(encoding="utf-8"))
    names = {c.args[0] for c in commands}
    assert {"extract", "render", "check", "diff"} <= names
    assert commands[0].args[:2] == ("extract", "corpus/"), "the main command comes first"


@pytest.mark.parametrize("line, expected", [
    ("tthc extract PATH... [--format json|csv|xlsx|md] [-o OUT]", []),
    ("tthc refs FILE                 # legal references", []),
    ("tthc render apology X.xlsx --columns FIELD=HEADER", []),
    ("pip install -e . && tthc extract corpus/ -o out/", [("extract", "corpus/", "-o", "out/")]),
    ("$ tthc check examples/cong-van.docx", [("check", "examples/cong-van.docx")]),
    ("tthc serve --port 8000", []),
    ('tthc render apology a.xlsx --columns due_on="Ngày hẹn trả (theo quy định)"',
     [("render", "apology", "a.xlsx", "--columns", "due_on=Ngày hẹn trả (theo quy định)")]),
])
def test_which_lines_are_commands(line, expected):
    found = readme_commands(f"```\n{line}\n```\n```python\ntthc extract corpus/ -o x/\n```\n")
    assert [c.args for c in found] == expected


def test_every_readme_command_runs_as_written(tmp_path, monkeypatch):
    copy = tmp_path / "repo"
    shutil.copytree(ROOT, copy, ignore=_IGNORED)
    monkeypatch.chdir(copy)
    # The registry commands use the default database: this run's own, not the user's.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("TTHC_DATABASE_URL", raising=False)
    commands = readme_commands((copy / "README.md").read_text(encoding="utf-8"))
    failures = []
    for index, command in enumerate(commands):
        result = _run(command)
        if command.transcript:
            ok = result.exit_code in (0, 1)
        else:
            ok = result.exit_code == 0 or (result.exit_code == 1 and "Error:" not in result.output)
        if not ok:
            failures.append(f"{command} exited {result.exit_code}:\n{result.output[-2000:]}")
        if index == 0:
            again = _run(command)
            if again.exit_code != 0:
                failures.append(f"{command} run a second time exited {again.exit_code}:\n{again.output[-2000:]}")
    assert not failures, "\n\n".join(failures)
