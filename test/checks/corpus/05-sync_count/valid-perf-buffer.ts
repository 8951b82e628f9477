// expect: pass
// why: the count lives in the hash, but each quick sync reaches user space through a perf buffer
import { BPF, type PerfEventArray } from "bcc-tutor";

const b = await BPF.create({
  text: `
struct ev_t { u64 ts; u64 ms; u64 count; };
BPF_HASH(last);
BPF_PERF_OUTPUT(events);

TRACEPOINT_PROBE(syscalls, sys_enter_sync) {
    u64 key = 0, ck = 1, zero = 0;
    u64 *c = last.lookup_or_try_init(&ck, &zero);
    if (!c) return 0;
    lock_xadd(c, 1);
    u64 now = bpf_ktime_get_ns();
    u64 *tsp = last.lookup(&key);
    if (tsp) {
        u64 d = now - *tsp;
        if (d < 1000000000) {
            struct ev_t e = { .ts = now, .ms = d / 1000000, .count = *c };
            events.perf_submit(args, &e, sizeof(e));
        }
    }
    last.update(&key, &now);
    return 0;
}`,
});
console.log("Tracing for quick sync's... Ctrl-C to end");
let t0: bigint | undefined;
b.table<PerfEventArray<{ ts: bigint; ms: bigint; count: bigint }>>("events").openPerfBuffer((e) => {
  t0 ??= e.ts;
  console.log(`At time ${(Number(e.ts - t0) / 1e9).toFixed(2)} s: multiple syncs detected, last ${e.ms} ms ago, count ${e.count}`);
});
for (;;) await b.perfBufferPoll(200);
