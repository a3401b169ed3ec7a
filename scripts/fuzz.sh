#!/usr/bin/env bash
# A longer fuzz campaign than the test suite runs: damaged inputs of every format
# through the tthc command line, the web workspace's uploads and the registry's
# imports, printing per format ok / clean error / traceback / timeout / over
# memory / db changed. Failing inputs are kept in fuzz-failures/ with the command
# that failed.
#
#   scripts/fuzz.sh [MINUTES] [--cases N] [--seed N] [--jobs N] [--keep DIR]
#
# MINUTES (default 10 when no --cases is given): stop starting cases after that
# long. --cases N: stop after N inputs; with a --seed, the counts are the same
# for any --jobs. --jobs N: N worker processes (default 1).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-$( [ -x .venv/bin/python ] && echo .venv/bin/python || echo python3 )}"
if [ $# -gt 0 ] && [[ "$1" != -* ]]; then
  exec nice "$PYTHON" tests/fuzz/campaign.py "$@"
fi
case " $* " in
  *" --cases"*) exec nice "$PYTHON" tests/fuzz/campaign.py "$@" ;;
  *) exec nice "$PYTHON" tests/fuzz/campaign.py 10 "$@" ;;
esac
