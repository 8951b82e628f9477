// expect: fail helpers
// why: keeps the issuer in the hash but still prints through bpf_trace_printk and parses trace_pipe, instead of a perf or ring buffer
import { BPF } from "bcc-tutor";

const b = await BPF.create({ text: `
#include <linux/sched.h>
struct key_t { u64 dev; u64 sector; };
struct start_t { u64 ts; u32 pid; char comm[TASK_COMM_LEN]; };
BPF_HASH(start, struct key_t, struct start_t);

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
        u64 delta = bpf_ktime_get_ns() - s->ts;
        char op = args->rwbs[0];
        if (op == 'F' && args->rwbs[1] != 0)
            op = args->rwbs[1];
        // three values at most: the name in one line, the numbers in the next
        bpf_trace_printk("%s %d %c\\n", s->comm, s->pid, op);
        bpf_trace_printk("%d %d\\n", args->nr_sector * 512, delta / 1000);
        start.delete(&key);
    }
    return 0;
}
` });

console.log("TIME(s)            COMM             PID    T  BYTES    LAT(ms)");
let who: string[] | undefined;
for await (const { ts, msg } of b.traceFields()) {
  const f = msg.trim().split(/\s+/);
  if (f.length === 3) { who = f; continue; }
  if (!who || f.length !== 2) continue;
  const [comm = "", pid = "", op = ""] = who;
  console.log(`${ts.toFixed(6).padEnd(18)} ${comm.padEnd(16)} ${pid.padEnd(6)} ${op.padEnd(2)} ${f[0]!.padEnd(7)} ${(Number(f[1]) / 1000).toFixed(2).padStart(8)}`);
  who = undefined;
}
