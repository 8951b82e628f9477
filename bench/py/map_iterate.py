# Benchmark 4, python side: the same map, filled the same way, read with
# items() and each key's and value's .value decoded.
import os
import time

from bcc import BPF

from common import arg, median, program, report

N = arg("entries", 10000)
RUNS = arg("runs", 9)

b = BPF(text=program("map"))
t = b["counts"]
for i in range(N):
    t[t.Key(i)] = t.Leaf(i * 3)

expect_sum = N * (N - 1) // 2 * 3
times = []
for r in range(RUNS + 1):
    t0 = time.perf_counter()
    pairs = [(k.value, v.value) for k, v in t.items()]
    t1 = time.perf_counter()
    if len(pairs) != N or sum(v for _, v in pairs) != expect_sum or any(v != k * 3 for k, v in pairs):
        raise SystemExit("read %d of %d entries" % (len(pairs), N))
    if r == 0:
        continue
    times.append((t1 - t0) * 1000)
med = median(times)
report({"entries": N, "runs": RUNS, "medianMs": med, "pairsPerSec": N / (med / 1000), "minMs": min(times), "maxMs": max(times)})
b.cleanup()
os._exit(0)
