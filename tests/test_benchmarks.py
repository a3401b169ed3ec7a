"""Every script in ``benchmarks/`` runs on a fresh install (``pip install -e ".[test]"``):
it imports nothing but the standard library, the package, the tests' helpers and the
distributions ``pyproject.toml`` declares, and its command line answers ``--help``.
Nothing here is timed."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from functools import cache
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = sorted((ROOT / "benchmarks").glob("*.py"))
# Where the scripts find their helpers (they put these folders on sys.path).
HELPER_ROOTS = (ROOT / "benchmarks", ROOT / "tests", *sorted(p for p in (ROOT / "tests").iterdir() if p.is_dir()),
                ROOT)


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@cache
def declared() -> frozenset[str]:
    """The distributions pyproject.toml declares: dependencies and the test extra."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    return frozenset(_canonical(re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", r).group()) for r in requirements)


def _guarded(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """Whether an import sits in a ``try`` that handles its absence."""
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.Try) and any(
                isinstance(h.type, ast.Name) and h.type.id in ("ImportError", "ModuleNotFoundError")
                for h in node.handlers):
            return True
    return False


def _helper(module: str) -> Path | None:
    """The file of a module found in the scripts' own folders, or None."""
    parts = module.split(".")
    for root in HELPER_ROOTS:
        for path in (root.joinpath(*parts).with_suffix(".py"), root.joinpath(*parts, "__init__.py")):
            if path.is_file() and "tthc_docs" not in path.parts:
                return path
    return None


def third_party_imports(script: Path) -> dict[str, str]:
    """Top-level module → the file importing it, over the script and the helpers it
    imports (transitively), unguarded imports only."""
    found: dict[str, str] = {}
    todo, seen = [script], set()
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                if top in sys.stdlib_module_names or top == "tthc_docs" or _guarded(node, parents):
                    continue
                helper = _helper(module)
                if helper is not None:
                    todo.append(helper)
                else:
                    found.setdefault(top, path.name)
    return found


@pytest.mark.parametrize("script", BENCHMARKS, ids=[p.name for p in BENCHMARKS])
def test_benchmark_imports_only_declared_distributions(script):
    providers = packages_distributions()
    undeclared = {module: where for module, where in third_party_imports(script).items()
                  if not {_canonical(d) for d in providers.get(module, [])} & declared()}
    assert undeclared == {}, f"imported but not declared in pyproject.toml: {undeclared}"


def test_an_undeclared_import_is_caught(tmp_path):
    script = tmp_path / "bench.py"
    script.write_text("import yaml\nimport pyvi\ntry:\n    import notinstalled\nexcept ImportError:\n    pass\n")
    assert third_party_imports(script) == {"yaml": "bench.py", "pyvi": "bench.py"}
    assert "pyyaml" in declared() and "pyvi" not in declared()


@pytest.mark.parametrize("script", BENCHMARKS, ids=[p.name for p in BENCHMARKS])
def test_benchmark_answers_help(script):
    done = subprocess.run([sys.executable, str(script), "--help"], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage:")


# The smallest run of the scripts that have one quick enough for the suite.
SMALLEST = [
    ("render_bench.py", ["10"], "speed-up:"),
    ("diff_bench.py", ["--sizes", "20", "--naive-size", "20", "--worst-size", "20"], "same matches: yes"),
    ("registry_bench.py", ["--plans", "2", "--tasks", "5"], "SQLite slowest query"),
]


@pytest.mark.parametrize(("script", "arguments", "prints"), SMALLEST, ids=[s for s, _, _ in SMALLEST])
def test_benchmark_smallest_run(script, arguments, prints):
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / script), *arguments], capture_output=True,
                          text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    assert prints in done.stdout
