"""The standing fuzz suite: damaged inputs of every format through the ``tthc``
command line, the web workspace's uploads and the registry's imports, each run in
a child process. Whatever the damage, a run ends with exit code 0 or 1 (a web
answer: success, or a 4xx showing the toolkit's Vietnamese error), a failure is
told in one line naming the file, no traceback reaches the user, a failed import
leaves the database as it was, and time and peak memory stay under the runner's
limits.

Hypothesis draws the mutations with fixed seeds (derandomized) and a small
budget; ``scripts/fuzz.sh MINUTES`` runs the same cases for longer.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz import campaign
from fuzz.cases import FORMATS, command_lines, database_of, make_case, valid, warm_up_commands, write_inputs
from fuzz.runner import MEMORY_LIMIT, TIME_LIMIT, Outcome, clean_failure, run_cli, warm_up

EXAMPLES_PER_FORMAT = 5


@pytest.fixture(scope="module", autouse=True)
def warmed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("warm")
    warm_up(warm_up_commands(folder), folder)


@pytest.mark.parametrize("fmt", FORMATS)
@settings(derandomize=True, max_examples=EXAMPLES_PER_FORMAT, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(rng=st.randoms(use_true_random=False))
def test_a_damaged_input_ends_cleanly_in_bounded_time_and_memory(fmt, rng: random.Random, tmp_path_factory):
    case = make_case(fmt, rng)
    folder = tmp_path_factory.mktemp("case")
    values = write_inputs(case, folder)
    for command in command_lines(case, values):
        result = run_cli(command, folder, database=database_of(values, command))
        where = f"{case.mutation}: tthc {' '.join(command)}\n{result.problem()}"
        assert result.outcome in (Outcome.OK, Outcome.CLEAN_ERROR), where
        assert clean_failure(result, case.name), where
        assert result.seconds < TIME_LIMIT and result.peak_bytes < MEMORY_LIMIT, where


def test_the_runner_tells_a_clean_error_from_a_timeout(tmp_path, corpus_dir):
    (tmp_path / "rong.docx").write_bytes(b"")
    clean = run_cli(["extract", str(tmp_path / "rong.docx")], tmp_path)
    assert clean.outcome is Outcome.CLEAN_ERROR and clean_failure(clean, "rong.docx"), clean.problem()
    assert "rong.docx: the file is empty" in clean.output
    slow = run_cli(["extract", str(corpus_dir)], tmp_path, time_limit=0.01)
    assert slow.outcome is Outcome.TIMEOUT and slow.exit_code != 0


def test_a_refused_upload_shows_the_vietnamese_error_and_stores_nothing(tmp_path):
    (tmp_path / "rong.docx").write_bytes(b"")
    database = tmp_path / "registry.sqlite3"
    database.write_bytes(valid("registry"))
    for route in ("upload", "api-upload"):
        result = run_cli(["web", route, str(tmp_path / "rong.docx"), str(database)], tmp_path, database=database)
        assert result.outcome is Outcome.CLEAN_ERROR and clean_failure(result, "rong.docx"), result.problem()
        assert "Error: Tệp trống: không có nội dung để đọc." in result.output


def test_a_stored_document_changes_the_database_and_a_half_stored_batch_is_caught(tmp_path):
    good = tmp_path / "nhiem-vu.xlsx"  # a task table the registry does not hold yet
    good.write_bytes(valid("tasks.xlsx"))
    (tmp_path / "rong.docx").write_bytes(b"")
    database = tmp_path / "registry.sqlite3"
    database.write_bytes(valid("registry"))
    url = f"sqlite:///{database}"
    before = database.read_bytes()
    stored = run_cli(["registry", "add", str(good), "--db", url], tmp_path, database=database)
    assert stored.outcome is Outcome.OK and database.read_bytes() != before, stored.problem()
    # The good file is stored, then the empty one fails: the check sees the change.
    database.write_bytes(before)
    batch = run_cli(["registry", "add", str(good), str(tmp_path / "rong.docx"), "--db", url], tmp_path,
                    database=database)
    assert batch.outcome is Outcome.DB_CHANGED and "rong.docx: FAILED" in batch.output, batch.problem()


def test_a_campaign_counts_the_same_with_one_worker_or_two(tmp_path, capsys):
    tables = []
    for jobs in ("1", "2"):
        campaign.main(["--cases", str(len(FORMATS)), "--seed", "7", "--jobs", jobs, "--keep", str(tmp_path / jobs)])
        lines = capsys.readouterr().out.splitlines()
        assert lines[-2].split()[-1] == str(sum(len(c) for c in _commands_of_cases(len(FORMATS), 7)))
        tables.append(lines[:-1])
    assert tables[0] == tables[1]


def _commands_of_cases(count: int, seed: int) -> list[tuple]:
    return [make_case(FORMATS[n % len(FORMATS)], random.Random(f"{seed}-{n}")).commands for n in range(count)]
