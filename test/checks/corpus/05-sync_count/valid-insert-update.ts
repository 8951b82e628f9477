// expect: pass
// why: first sync insert()s 1 under the count key, later ones update() it with the old value plus one
import { BPF } from "bcc-tutor";

const text = `
BPF_HASH(last);

TRACEPOINT_PROBE(syscalls, sys_enter_sync) {
    u64 ts, *tsp, delta, key = 0;
    u64 ckey = 1, n = 1;
    u64 *c = last.lookup(&ckey);
    if (c == NULL) {
        last.insert(&ckey, &n);
    } else {
        n = *c + 1;
        last.update(&ckey, &n);
    }

    tsp = last.lookup(&key);
    if (tsp != NULL) {
        delta = bpf_ktime_get_ns() - *tsp;
        if (delta < 1000000000)
            bpf_trace_printk("%llu %llu\\n", delta / 1000000, n);
        last.delete(&key);
    }
    ts = bpf_ktime_get_ns();
    last.update(&key, &ts);
    return 0;
}
`;

const b = new BPF({ text });
await b.ready;
console.log("Tracing for quick sync's... Ctrl-C to end");
let t0 = 0;
for await (const rec of b.traceFields()) {
  const parts = rec.msg.split(" ");
  if (parts.length !== 2) continue;
  if (!t0) t0 = rec.ts;
  console.log(`At time ${(rec.ts - t0).toFixed(2)} s: multiple syncs detected, last ${parts[0]} ms ago, count ${parts[1]}`);
}
