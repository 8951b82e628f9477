// expect: pass
// why: the count in its own one-slot BPF_ARRAY, on the exit tracepoint of sync
import { BPF } from "bcc-tutor";

const b = await BPF.create({
  text: `
BPF_HASH(last);
BPF_ARRAY(total, u64, 1);

TRACEPOINT_PROBE(syscalls, sys_exit_sync) {
    int idx = 0;
    u64 key = 0;
    u64 *n = total.lookup(&idx);
    if (!n) return 0;
    __sync_fetch_and_add(n, 1);
    u64 now = bpf_ktime_get_ns();
    u64 *tsp = last.lookup(&key);
    if (tsp && now - *tsp < 1000000000)
        bpf_trace_printk("%llu %llu\\n", (now - *tsp) / 1000000, *n);
    last.update(&key, &now);
    return 0;
}`,
});
console.log("Tracing for quick sync's... Ctrl-C to end");
let start = 0;
for await (const rec of b.traceFields()) {
  const m = /^(\d+) (\d+)$/.exec(rec.msg);
  if (!m) continue;
  start ||= rec.ts;
  console.log(`At time ${(rec.ts - start).toFixed(2)} s: multiple syncs detected, last ${m[1]} ms ago, count ${m[2]}`);
}
