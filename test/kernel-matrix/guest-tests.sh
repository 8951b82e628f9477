#!/bin/sh
# The test set each guest runs (run-matrix.sh boots the guest, this runs in
# it): every lesson variant on this kernel (the verified table), the
# kernel-matrix tests, and the host suite's tests that need kprobes: the
# kprobe and doctor tests, kprobe/kretprobe cleanup and leaks, and exercise
# starters and wrong solutions, which meet the original variants here.
# Exit status: non-zero if any of the runs failed.
VITEST=node_modules/.bin/vitest
rc=0
"$VITEST" run test/kernel-matrix/ test/live/kprobe-and-doctor.test.ts test/live/cleanup.test.ts test/live/leaks.test.ts || rc=1
"$VITEST" run test/live/lessons.test.ts -t 'starter|wrong solution' || rc=1
exit $rc
