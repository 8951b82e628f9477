// expect: pass
// why: reads the perf buffer with the async iterator table.events() (for await), and pads the columns with a helper
import { BPF, type PerfEventArray } from "bcc-tutor";

const b = await BPF.create({ text: `
#include <linux/sched.h>
struct key_t { u64 dev; u64 sector; };
struct start_t { u64 ts; u32 pid; char comm[TASK_COMM_LEN]; };
BPF_HASH(start, struct key_t, struct start_t);
struct data_t { u64 ts; u64 delta_us; u32 pid; u32 bytes; char comm[TASK_COMM_LEN]; char op[2]; };
BPF_PERF_OUTPUT(events);

TRACEPOINT_PROBE(block, block_rq_issue) {
    struct key_t key = { .dev = args->dev, .sector = args->sector };
    struct start_t s = {};
    s.ts = bpf_ktime_get_ns();
    s.pid = bpf_get_current_pid_tgid() >> 32;
    bpf_get_current_comm(&s.comm, sizeof(s.comm));
    start.update(&key, &s);
    return 0;
}

TRACEPOINT_PROBE(block, block_rq_complete) {
    struct key_t key = { .dev = args->dev, .sector = args->sector };
    struct start_t *s = start.lookup(&key);
    if (s != 0) {
        struct data_t d = {};
        d.ts = bpf_ktime_get_ns();
        d.delta_us = (d.ts - s->ts) / 1000;
        d.pid = s->pid;
        d.bytes = args->nr_sector * 512;
        bpf_probe_read_kernel(&d.comm, sizeof(d.comm), s->comm);
        d.op[0] = args->rwbs[0];
        if (d.op[0] == 'F' && args->rwbs[1] != 0)
            d.op[0] = args->rwbs[1];
        events.perf_submit(args, &d, sizeof(d));
        start.delete(&key);
    }
    return 0;
}
` });

const cols = (...c: Array<[string, number, "l" | "r"]>) => c.map(([s, w, a]) => (a === "l" ? s.padEnd(w) : s.padStart(w))).join(" ");
console.log(cols(["TIME(s)", 18, "l"], ["COMM", 16, "l"], ["PID", 6, "l"], ["T", 2, "l"], ["BYTES", 7, "l"], ["LAT(ms)", 8, "r"]));

interface Data { ts: bigint; delta_us: bigint; pid: number; bytes: number; comm: string; op: string }
for await (const d of b.table<PerfEventArray<Data>>("events").events()) {
  console.log(cols([(Number(d.ts) / 1e9).toFixed(6), 18, "l"], [d.comm, 16, "l"], [String(d.pid), 6, "l"], [d.op, 2, "l"], [String(d.bytes), 7, "l"], [(Number(d.delta_us) / 1000).toFixed(2), 8, "r"]));
}
