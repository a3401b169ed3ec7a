#!/usr/bin/env bash
# A longer fuzz campaign than the test suite runs: damaged inputs of every format
# through the tthc command line for MINUTES minutes (default 10), printing per
# format ok / clean error / traceback / timeout / over memory. Failing inputs are
# kept in fuzz-failures/ with the command that failed. Extra arguments go to
# tests/fuzz/campaign.py (--seed N, --keep DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-$( [ -x .venv/bin/python ] && echo .venv/bin/python || echo python3 )}"
exec nice "$PYTHON" tests/fuzz/campaign.py "${1:-10}" "${@:2}"
