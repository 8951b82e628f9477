#!/usr/bin/env bash
# The kernel matrix of `npm test`: prepares the three guests (Debian 5.10,
# 6.1, 6.12), boots each under qemu and runs the guest test set in it
# (guest-tests.sh), KERNEL_MATRIX_JOBS guests at a time (default 2: the
# guests run one vCPU each, the build machines have two cores). Prints each
# guest's time and qemu's peak RSS, and exits non-zero if any guest failed.
# With BCC_TUTOR_UPDATE_VERIFIED=1 the guests' results are merged into
# lessons/verified.json afterwards.
#
# Usage: bash test/kernel-matrix/run-matrix.sh [5.10 6.1 6.12]
#   env KERNEL_MATRIX_JOBS (1|2|3), KERNEL_MATRIX_LOCK=FILE (hold flock FILE
#   around each guest boot: one guest at a time on a shared machine), and
#   run-in-guest.sh's KERNEL_MATRIX_* knobs.
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

KERNELS=("$@")
[ ${#KERNELS[@]} -gt 0 ] || read -r -a KERNELS <<<"$KM_SERIES_ALL"
JOBS=${KERNEL_MATRIX_JOBS:-2}
case $JOBS in 1|2|3) ;; *) km_say "run-matrix.sh: KERNEL_MATRIX_JOBS must be 1, 2 or 3"; exit 2 ;; esac
for k in "${KERNELS[@]}"; do
  km_suite_of "$k" >/dev/null || { km_say "run-matrix.sh: unknown kernel $k (use: $KM_SERIES_ALL)"; exit 2; }
done

for k in "${KERNELS[@]}"; do
  bash "$KM_DIR/prepare.sh" --kernel "$k" --quiet || exit 1
done

LOGS=$(mktemp -d "${TMPDIR:-/tmp}/kernel-matrix.XXXXXX")
trap 'rm -rf "$LOGS"' EXIT
export BCC_TUTOR_TIME_SCALE=${BCC_TUTOR_TIME_SCALE:-6}

guest() { # guest SERIES: one guest, its output in $LOGS/SERIES.log, its status in $LOGS/SERIES.rc
  local k=$1 lock=()
  [ -n "${KERNEL_MATRIX_LOCK:-}" ] && lock=(flock "$KERNEL_MATRIX_LOCK")
  "${lock[@]}" bash "$KM_DIR/run-in-guest.sh" --kernel "$k" --timeout "${KERNEL_MATRIX_TIMEOUT:-2700}" \
      --out "$LOGS/out-$k" -- sh test/kernel-matrix/guest-tests.sh >"$LOGS/$k.log" 2>&1
  echo $? >"$LOGS/$k.rc"
}

# In KM_SERIES_ALL order: 5.10 and 6.1 (the longest: it also runs the host-suite
# kprobe tests) start together, 6.12 takes the first free slot.
T0=$EPOCHREALTIME
pids=()
for k in "${KERNELS[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n; done
  km_say "kernel-matrix: guest $k starts"
  guest "$k" &
  pids+=($!)
done
wait "${pids[@]}"

status=0
for k in "${KERNELS[@]}"; do
  printf '\n===== guest %s =====\n' "$k"
  cat "$LOGS/$k.log"
  rc=$(cat "$LOGS/$k.rc" 2>/dev/null || echo 125)
  [ "$rc" = 0 ] || status=1
done
printf '\n'
for k in "${KERNELS[@]}"; do
  line=$(grep -a '^kernel-matrix: guest .*qemu peak RSS' "$LOGS/$k.log" | tail -n1)
  printf '%s\n' "${line:-kernel-matrix: guest $k: no summary (exit $(cat "$LOGS/$k.rc" 2>/dev/null))}"
done
awk -v a="$T0" -v b="$EPOCHREALTIME" -v j="$JOBS" 'BEGIN { printf "kernel-matrix: all guests in %.0f s (%d at a time)\n", b - a, j }'

if [ "${BCC_TUTOR_UPDATE_VERIFIED:-}" = 1 ]; then
  parts=()
  for k in "${KERNELS[@]}"; do
    for f in "$LOGS/out-$k"/verified.*.json; do [ -s "$f" ] && parts+=("$f"); done
  done
  if [ ${#parts[@]} -gt 0 ]; then
    "$KM_ROOT/node_modules/.bin/tsx" "$KM_DIR/merge-verified.ts" "${parts[@]}" || status=1
  else
    km_say "kernel-matrix: BCC_TUTOR_UPDATE_VERIFIED=1 but no guest wrote its results"; status=1
  fi
fi
exit $status
