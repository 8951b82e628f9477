// expect: pass
// why: reads the perf buffer with the README's table.events() async iterator
import { BPF, type PerfEventArray } from "bcc-tutor";

const b = await BPF.create({
  text: `
struct data_t { u64 ts; u64 delta_ms; };
BPF_PERF_OUTPUT(events);
BPF_HASH(last);

TRACEPOINT_PROBE(syscalls, sys_enter_sync) {
    u64 ts, *tsp, delta, key = 0;
    tsp = last.lookup(&key);
    if (tsp != NULL) {
        delta = bpf_ktime_get_ns() - *tsp;
        if (delta < 1000000000) {
            struct data_t data = {};
            data.ts = bpf_ktime_get_ns();
            data.delta_ms = delta / 1000000;
            events.perf_submit(args, &data, sizeof(data));
        }
        last.delete(&key);
    }
    ts = bpf_ktime_get_ns();
    last.update(&key, &ts);
    return 0;
}`,
});
console.log("Tracing for quick sync's... Ctrl-C to end");
let start: bigint | undefined;
for await (const ev of b.table<PerfEventArray<{ ts: bigint; delta_ms: bigint }>>("events").events()) {
  start ??= ev.ts;
  console.log(`At time ${(Number(ev.ts - start) / 1e9).toFixed(2)} s: multiple syncs detected, last ${ev.delta_ms} ms ago`);
}
