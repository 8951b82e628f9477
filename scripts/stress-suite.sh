#!/usr/bin/env bash
# Runs the host test suite N times (default 3) with `stress-ng --cpu 2`
# loading the machine beside it: a test that holds only on a quiet machine
# shows up here (issue 16). Installs Debian's stress-ng when it is missing.
#
#   scripts/stress-suite.sh [N] [vitest arguments...]
#   scripts/stress-suite.sh 1 test/live/trace-fields.test.ts   one file, once
#
# Prints each run's result line and exits non-zero if any run failed. The
# logs stay in $STRESS_LOG_DIR (default: a new folder under /tmp).
set -u
cd "$(dirname "$0")/.."

runs=3
if [[ $# -gt 0 && $1 =~ ^[0-9]+$ ]]; then runs=$1; shift; fi

if ! command -v stress-ng >/dev/null; then
  echo "[stress] installing stress-ng"
  apt-get install -y --no-install-recommends stress-ng >/dev/null \
    || { apt-get update >/dev/null && apt-get install -y --no-install-recommends stress-ng >/dev/null; } \
    || { echo "[stress] could not install stress-ng" >&2; exit 2; }
fi

logs=${STRESS_LOG_DIR:-$(mktemp -d /tmp/bcc-tutor-stress-XXXXXX)}
mkdir -p "$logs"

stress-ng --cpu 2 --quiet &
stress=$!
# However the runs end, the load ends with them (stress-ng stops its workers on TERM).
stop() { kill -TERM "$stress" 2>/dev/null; wait "$stress" 2>/dev/null; }
trap stop EXIT
trap 'exit 130' INT TERM

failed=0
for ((i = 1; i <= runs; i++)); do
  log="$logs/run-$i.log"
  start=$SECONDS
  npx vitest run "$@" >"$log" 2>&1
  rc=$?
  # The project's summary reporter ends each run with "vitest: P passed, F failed, S skipped".
  result=$(grep -E '^vitest: ' "$log" | tail -1)
  echo "[stress] run $i/$runs: ${result:-no result line} (exit $rc, $((SECONDS - start)) s, log $log)"
  [[ $rc -eq 0 ]] || failed=$((failed + 1))
done
echo "[stress] $((runs - failed)) of $runs runs green"
[[ $failed -eq 0 ]]
