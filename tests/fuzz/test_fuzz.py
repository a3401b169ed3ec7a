"""The standing fuzz suite: damaged inputs of every format through the ``tthc``
command line, each run in a child process. Whatever the damage, a run ends with
exit code 0 or 1, a failure is told in one line naming the file, no traceback
reaches the user, and time and peak memory stay under the runner's limits.

Hypothesis draws the mutations with fixed seeds (derandomized) and a small
budget; ``scripts/fuzz.sh MINUTES`` runs the same cases for longer.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz.cases import FORMATS, command_lines, make_case, warm_up_commands, write_inputs
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
    for command in command_lines(case, write_inputs(case, folder)):
        result = run_cli(command, folder)
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
