# Benchmark 3, python side: BPF(text=...) (compile, load, attach of the
# tracepoint__ functions) of the same lesson program. With --serve (as
# bench/run.ts drives it) one warm-up, READY, then one timed compile per
# "run" line on stdin, so node and python runs alternate.
import json
import os
import sys
import time

from bcc import BPF

from common import arg, median, program, report

text = program("lesson")


def once():
    t0 = time.perf_counter()
    b = BPF(text=text)
    t1 = time.perf_counter()
    n = b.num_open_tracepoints()
    b.cleanup()
    if n != 2:
        raise SystemExit("expected 2 tracepoints attached, got %d" % n)
    return (t1 - t0) * 1000


once()  # warm-up
times = []
if "--serve" in sys.argv:
    sys.stdout.write("READY\n")
    sys.stdout.flush()
    for line in sys.stdin:
        if line.strip() == "run":
            ms = once()
            times.append(ms)
            sys.stdout.write("RUN " + json.dumps({"ms": ms}) + "\n")
            sys.stdout.flush()
        elif line.strip() == "end":
            break
else:
    times = [once() for _ in range(arg("runs", 5))]
report({"runs": len(times), "medianMs": median(times), "minMs": min(times), "maxMs": max(times)})
os._exit(0)
