// expect: fail lines-match-workload
// why: sends an event for every sync; the first one has no stored time, so its gap is the time since boot
import { BPF, type PerfEventArray } from "bcc-tutor";

const b = await BPF.create({
  text: `
struct data_t { u64 ts; u64 delta_ms; };
BPF_PERF_OUTPUT(events);
BPF_HASH(last);

TRACEPOINT_PROBE(syscalls, sys_enter_sync) {
    u64 key = 0, zero = 0, now = bpf_ktime_get_ns();
    u64 *tsp = last.lookup_or_try_init(&key, &zero);
    if (!tsp) return 0;
    struct data_t data = { .ts = now, .delta_ms = (now - *tsp) / 1000000 };
    events.perf_submit(args, &data, sizeof(data));
    last.update(&key, &now);
    return 0;
}`,
});
console.log("Tracing for quick sync's... Ctrl-C to end");
let start = 0n;
b.table<PerfEventArray<{ ts: bigint; delta_ms: bigint }>>("events").openPerfBuffer((e) => {
  if (start === 0n) start = e.ts;
  console.log(`At time ${(Number(e.ts - start) / 1e9).toFixed(2)} s: multiple syncs detected, last ${e.delta_ms} ms ago`);
});
for (;;) await b.perfBufferPoll();
